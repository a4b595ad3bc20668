import { centreGminas, centreProviders } from "@db/schema";
import { searchCatalogue } from "~/modules/directory/catalogue.server";
import { archiveOffer, getOfferDetail, reviewOffer, saveOfferChanges, submitOffer } from "~/modules/directory/offers.server";
import { reviewProvider } from "~/modules/directory/providers.server";
import { draftOffer, offerContent } from "../fixtures/offers";
import { actorOf, makeCentre, makeProvider, makeUser } from "../fixtures/people";
import { setupTestDatabase } from "../setup/test-database";

const t = setupTestDatabase();

async function world() {
  const centre = await makeCentre(t.db);
  await t.db.insert(centreGminas).values({ cusId: centre.id, terytCode: `${Math.random()}`.slice(2, 9), name: "Gmina Borków" });
  const provider = await makeProvider(t.db, `Spółdzielnia ${Math.random().toString(36).slice(2, 7)}`);
  await t.db.insert(centreProviders).values({ cusId: centre.id, providerId: provider.id, status: "pending" });
  const admin = await makeUser(t.db, { role: "provider_admin", providerId: provider.id });
  const organiser = await makeUser(t.db, { role: "organizer", cusId: centre.id });
  const providerActor = actorOf(admin);
  const organiserActor = actorOf(organiser);
  return { centre, provider, providerActor, organiserActor };
}

describe("offer workflow and the public catalogue", () => {
  it("draft → returned → fixed → published; found without diacritics; never public before", async () => {
    const w = await world();
    const offerId = await draftOffer({ providerId: w.provider.id, cusId: w.centre.id, content: offerContent(), actor: w.providerActor });

    // An unverified provider cannot submit, and nothing of it is public.
    expect(await submitOffer({ offerId, providerId: w.provider.id, actor: w.providerActor })).toEqual({ ok: false, reason: "not_verified" });
    await reviewProvider({ cusId: w.centre.id, providerId: w.provider.id, decision: "verify", note: null, actor: w.organiserActor });
    expect(await submitOffer({ offerId, providerId: w.provider.id, actor: w.providerActor })).toEqual({ ok: true });
    expect((await searchCatalogue({ q: "zlota raczka" })).total).toBe(0);

    expect(await reviewOffer({ offerId, cusId: w.centre.id, decision: "return", comment: "", actor: w.organiserActor })).toEqual({ ok: false, reason: "comment_required" });
    expect(await reviewOffer({ offerId, cusId: w.centre.id, decision: "return", comment: "Podaj limit wizyt.", actor: w.organiserActor })).toEqual({ ok: true });
    const returned = await getOfferDetail(offerId, { providerId: w.provider.id });
    expect("working" in returned && returned.working?.status).toBe("returned");
    expect("working" in returned && returned.working?.reviewComment).toBe("Podaj limit wizyt.");

    await saveOfferChanges({ offerId, providerId: w.provider.id, content: offerContent({ limitUnits: 4 }), actor: w.providerActor });
    await submitOffer({ offerId, providerId: w.provider.id, actor: w.providerActor });
    expect(await reviewOffer({ offerId, cusId: w.centre.id, decision: "publish", comment: null, actor: w.organiserActor })).toEqual({ ok: true });

    const found = await searchCatalogue({ q: "ZLOTA raczka" });
    expect(found.rows.map((r) => r.offerId)).toContain(offerId);
    expect((await searchCatalogue({ q: "złota rączka", area: 4, gmina: "Gmina Borków", mode: "home", fee: "paid" })).rows.map((r) => r.offerId)).toContain(offerId);
    expect((await searchCatalogue({ q: "złota rączka", area: 5 })).total).toBe(0);
  });

  it("keeps the published version visible while a change is under review", async () => {
    const w = await world();
    await reviewProvider({ cusId: w.centre.id, providerId: w.provider.id, decision: "verify", note: null, actor: w.organiserActor });
    const offerId = await draftOffer({ providerId: w.provider.id, cusId: w.centre.id, content: offerContent({ name: "Fizjoterapia domowa" }), actor: w.providerActor });
    await submitOffer({ offerId, providerId: w.provider.id, actor: w.providerActor });
    await reviewOffer({ offerId, cusId: w.centre.id, decision: "publish", comment: null, actor: w.organiserActor });

    await saveOfferChanges({ offerId, providerId: w.provider.id, content: offerContent({ name: "Fizjoterapia w domu pacjenta" }), actor: w.providerActor });
    await submitOffer({ offerId, providerId: w.provider.id, actor: w.providerActor });
    expect((await searchCatalogue({ q: "fizjoterapia domowa" })).rows.map((r) => r.offerId)).toContain(offerId);
    expect((await searchCatalogue({ q: "fizjoterapia w domu pacjenta" })).total).toBe(0);

    await reviewOffer({ offerId, cusId: w.centre.id, decision: "publish", comment: null, actor: w.organiserActor });
    expect((await searchCatalogue({ q: "fizjoterapia w domu pacjenta" })).rows.map((r) => r.offerId)).toContain(offerId);
    const detail = await getOfferDetail(offerId, { cusId: w.centre.id });
    expect("revisions" in detail && detail.revisions.map((r) => r.status)).toEqual(["published", "superseded"]);

    await archiveOffer({ offerId, scope: { providerId: w.provider.id }, actor: w.providerActor });
    expect((await searchCatalogue({ q: "fizjoterapia" })).rows.map((r) => r.offerId)).not.toContain(offerId);
  });

  it("provider A cannot see or change provider B's offers; a suspended provider leaves the catalogue", async () => {
    const a = await world();
    const b = await world();
    await reviewProvider({ cusId: b.centre.id, providerId: b.provider.id, decision: "verify", note: null, actor: b.organiserActor });
    const offerId = await draftOffer({ providerId: b.provider.id, cusId: b.centre.id, content: offerContent({ name: "Teleopieka całodobowa" }), actor: b.providerActor });
    expect(await getOfferDetail(offerId, { providerId: a.provider.id })).toEqual({ error: "forbidden" });
    expect(await getOfferDetail(offerId, { cusId: a.centre.id })).toEqual({ error: "forbidden" });
    expect(await saveOfferChanges({ offerId, providerId: a.provider.id, content: offerContent(), actor: a.providerActor })).toEqual({ ok: false, reason: "forbidden" });

    await submitOffer({ offerId, providerId: b.provider.id, actor: b.providerActor });
    await reviewOffer({ offerId, cusId: b.centre.id, decision: "publish", comment: null, actor: b.organiserActor });
    expect((await searchCatalogue({ q: "teleopieka calodobowa" })).total).toBe(1);
    await reviewProvider({ cusId: b.centre.id, providerId: b.provider.id, decision: "suspend", note: "Brak umowy.", actor: b.organiserActor });
    expect((await searchCatalogue({ q: "teleopieka calodobowa" })).total).toBe(0);
  });
});
