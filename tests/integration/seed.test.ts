import { count, eq, gte, sql } from "drizzle-orm";
import { contracts, fundingSources, memberships, offers, providerOrganisations, providerStatements, residents, slots, users } from "@db/schema";
import { contractModes } from "~/modules/contracts/values";
import { expectLedgerBalanced } from "../fixtures/ledger";
import { seedDemo } from "../../scripts/demo-data/seed";
import { demoAccounts, DEMO_PASSWORD } from "@db/demo-accounts";
import { checkPesel } from "~/modules/plans/pesel";
import { listResidents } from "~/modules/plans/residents.server";
import { isValidNip, isValidRegon } from "~/modules/directory/identifiers";
import { signIn } from "~/modules/identity/sign-in.server";
import { setupTestDatabase } from "../setup/test-database";

const t = setupTestDatabase();

async function counts() {
  const [u] = await t.db.select({ n: count() }).from(users);
  const [m] = await t.db.select({ n: count() }).from(memberships);
  const [p] = await t.db.select({ n: count() }).from(providerOrganisations);
  const [r] = await t.db.select({ n: count() }).from(residents);
  const [s] = await t.db.select({ n: count() }).from(slots);
  return { users: u!.n, memberships: m!.n, providers: p!.n, residents: r!.n, slots: s!.n };
}

describe("demo seed", () => {
  it("is idempotent and realistic", async () => {
    await seedDemo(t.db);
    const first = await counts();
    await seedDemo(t.db);
    expect(await counts()).toEqual(first);
    expect(first.providers).toBeGreaterThanOrEqual(8);
    expect(first.memberships).toBe(demoAccounts.length);

    const forms = new Set((await t.db.select().from(providerOrganisations)).map((p) => p.legalForm));
    expect([...forms].sort()).toEqual(["association", "company", "foundation", "public_unit", "social_cooperative", "social_economy_other", "sole_trader"]);
    for (const p of await t.db.select().from(providerOrganisations)) {
      expect(isValidNip(p.nip!)).toBe(true);
      expect(isValidRegon(p.regon!)).toBe(true);
    }
    // Every resident has a valid PESEL, or (a refugee) a document number instead.
    for (const r of await t.db.select().from(residents)) {
      if (r.pesel) expect(checkPesel(r.pesel)).toMatchObject({ valid: true, birthDate: r.birthDate });
      else expect(r.documentNumber).toMatch(/^[A-Z]{2}\d{7}$/);
    }
    expect((await t.db.select().from(residents)).filter((r) => !r.pesel)).toHaveLength(1);

    // A month of availability: every published offer has slots in the next four weeks.
    const published = await t.db.select({ id: offers.id }).from(offers).where(sql`${offers.publishedRevisionId} is not null`);
    const withSlots = await t.db.selectDistinct({ id: slots.offerId }).from(slots).where(gte(slots.startsAt, new Date()));
    expect(withSlots.length).toBe(published.length);
    expect(first.slots).toBeGreaterThan(1000);

    // Contracts in every mode (a konkurs with a 2,000-hour pool), last month settled: by Stripe and by bank file.
    const modes = await t.db.selectDistinct({ mode: contracts.mode }).from(contracts);
    expect(modes.map((m) => m.mode).sort()).toEqual([...contractModes].sort());
    expect((await t.db.select().from(contracts).where(eq(contracts.poolUnitsHundredths, 200_000))).map((c) => c.mode)).toEqual(["open_call_entrust"]);
    const settled = await t.db.select({ status: providerStatements.status, method: providerStatements.paymentMethod }).from(providerStatements);
    expect(new Set(settled.map((s) => `${s.status}:${s.method}`))).toEqual(new Set(["paid:stripe", "paid:bank"]));
    expect((await t.db.selectDistinct({ kind: fundingSources.kind }).from(fundingSources)).map((k) => k.kind).sort()).toEqual(["copayment", "eu_project", "gmina_budget", "government_programme"]);
    await expectLedgerBalanced(t.db);

    // The demo resident a coordinator looks for is found however they type it.
    const [marian] = await t.db.select().from(residents).where(eq(residents.lastName, "Woźniak"));
    for (const typed of ["woz", "marian wozniak", marian!.pesel!, "501 200 304"]) {
      expect((await listResidents(marian!.cusId, { search: typed }, t.db)).map((r) => r.id)).toContain(marian!.id);
    }
  });

  it("lets every demo account sign in outside production", async () => {
    for (const email of new Set(demoAccounts.map((a) => a.email))) {
      const result = await signIn({ email, password: DEMO_PASSWORD, ip: "127.0.0.9", userAgent: null });
      expect(result.ok).toBe(true);
    }
  });
});
