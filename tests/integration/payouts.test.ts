import { eq } from "drizzle-orm";
import { centreProviders, outbox } from "@db/schema";
import { processStripeEvent } from "~/modules/billing/stripe-events.server";
import { confirmBankAccount, getPayoutAccount, refreshConnectStatus, requestBankAccount, startConnectOnboarding } from "~/modules/settlements/payout-accounts.server";
import type { Stripe } from "~/modules/stripe/client.server";
import { actorOf, makeCentre, makeProvider, makeUser } from "../fixtures/people";
import { setupStripeStandin } from "../fixtures/stripe";
import { setupTestDatabase } from "../setup/test-database";

const test$ = setupTestDatabase();
const stripe$ = setupStripeStandin();

async function partnerWorld() {
  const centre = await makeCentre(test$.db);
  const provider = await makeProvider(test$.db);
  await test$.db.insert(centreProviders).values({ cusId: centre.id, providerId: provider.id, status: "verified" });
  const admin = actorOf(await makeUser(test$.db, { role: "provider_admin", providerId: provider.id }));
  const organiser = actorOf(await makeUser(test$.db, { role: "organizer", cusId: centre.id }));
  return { centre, provider, admin, organiser };
}

describe("a provider's payout setup", () => {
  it("onboards to Stripe Connect once, through the outbox, and becomes active from the webhook or on return", async () => {
    const { provider, admin } = await partnerWorld();
    const first = await startConnectOnboarding({ providerId: provider.id, actor: admin, baseUrl: "http://localhost:3000" }, test$.db);
    const again = await startConnectOnboarding({ providerId: provider.id, actor: admin, baseUrl: "http://localhost:3000" }, test$.db);
    if (!first.ok || !again.ok) throw new Error("onboarding unavailable");
    const account = await getPayoutAccount(provider.id, test$.db);
    expect(account.connectStatus).toBe("onboarding");
    expect((await test$.db.select().from(outbox).where(eq(outbox.key, `connect-account:${provider.id}`))).map((m) => m.status)).toEqual(["sent"]);

    const before = stripe$.standin.events.length;
    const done = await fetch(first.url, { method: "POST", redirect: "manual" });
    expect(done.headers.get("location")).toBe("http://localhost:3000/provider/payouts?onboarding=done");
    const updated = stripe$.standin.events.slice(before).find((e) => e.type === "account.updated")!;
    expect(await processStripeEvent(updated as unknown as Stripe.Event, new Date(), test$.db)).toBe("applied");
    expect((await getPayoutAccount(provider.id, test$.db)).connectStatus).toBe("active");
    await refreshConnectStatus(provider.id, test$.db);
    expect((await getPayoutAccount(provider.id, test$.db)).connectStatus).toBe("active");
  });

  it("a bank account waits for an organiser of a partner centre, never the one who asked, nor another centre's", async () => {
    const { provider, admin, organiser } = await partnerWorld();
    const elsewhere = actorOf(await makeUser(test$.db, { role: "organizer", cusId: (await makeCentre(test$.db)).id }));
    await requestBankAccount({ providerId: provider.id, nrb: "61109010140000071219812874", holder: "Fundacja Testowa", actor: admin, now: new Date() }, test$.db);
    expect((await getPayoutAccount(provider.id, test$.db)).bankNrb).toBeNull();
    const otherCentre = (await test$.db.select().from(centreProviders).where(eq(centreProviders.providerId, provider.id)))[0]!.cusId;
    expect(await confirmBankAccount({ cusId: "00000000-0000-4000-8000-000000000000", providerId: provider.id, actor: elsewhere, now: new Date() }, test$.db)).toEqual({ ok: false, reason: "not_found" });
    expect(await confirmBankAccount({ cusId: otherCentre, providerId: provider.id, actor: admin, now: new Date() }, test$.db)).toEqual({ ok: false, reason: "own_request" });
    expect(await confirmBankAccount({ cusId: otherCentre, providerId: provider.id, actor: organiser, now: new Date() }, test$.db)).toEqual({ ok: true });
    const account = await getPayoutAccount(provider.id, test$.db);
    expect([account.bankNrb, account.bankHolder, account.pendingNrb]).toEqual(["61109010140000071219812874", "Fundacja Testowa", null]);
  });
});
