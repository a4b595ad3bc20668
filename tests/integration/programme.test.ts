import { eq } from "drizzle-orm";
import { auditLog, centreProviders } from "@db/schema";
import { searchCatalogue } from "~/modules/directory/catalogue.server";
import { getCentreActivity, publishCentreActivity, withdrawCentreActivity } from "~/modules/directory/centre-activities.server";
import { createLocation, reviewOffer, saveOfferChanges, submitOffer } from "~/modules/directory/offers.server";
import { programmeFormSchema } from "~/modules/directory/programme-form";
import { deletePackage, getProgrammeOverview, savePackage, saveProgramme } from "~/modules/directory/programme.server";
import { draftOffer, offerContent } from "../fixtures/offers";
import { actorOf, makeCentre, makeProvider, makeUser } from "../fixtures/people";
import { setupTestDatabase } from "../setup/test-database";

const t = setupTestDatabase();

async function centreWithPublishedOffer(name: string) {
  const centre = await makeCentre(t.db);
  const provider = await makeProvider(t.db);
  await t.db.insert(centreProviders).values({ cusId: centre.id, providerId: provider.id, status: "verified" });
  const admin = await makeUser(t.db, { role: "provider_admin", providerId: provider.id });
  const organiser = await makeUser(t.db, { role: "organizer", cusId: centre.id });
  const providerActor = actorOf(admin);
  const actor = actorOf(organiser);
  const offerId = await draftOffer({ providerId: provider.id, cusId: centre.id, content: offerContent({ name }), actor: providerActor });
  await submitOffer({ offerId, providerId: provider.id, actor: providerActor });
  await reviewOffer({ offerId, cusId: centre.id, decision: "publish", comment: null, actor });
  return { centre, provider, providerActor, actor, offerId };
}

const programme = { title: "Program usług społecznych 2026–2028", resolutionNumber: "XXIV/187/2025", resolutionDate: "2025-11-27", validFrom: "2026-01-01", validTo: "2028-12-31" };

describe("the centre's programme (PUS) and its packages", () => {
  it("records the programme, puts one offer in two packages, and the catalogue filters by package", async () => {
    const w = await centreWithPublishedOffer("Opieka wytchnieniowa w domu");
    const saved = await saveProgramme({ cusId: w.centre.id, programmeId: null, content: programme, actor: w.actor });
    if (!saved.ok) throw new Error("programme not saved");
    const senior = await savePackage({ cusId: w.centre.id, programmeId: saved.programmeId, packageId: null, content: { name: "Pakiet Senior", description: null, offerIds: [w.offerId] }, actor: w.actor });
    const support = await savePackage({ cusId: w.centre.id, programmeId: saved.programmeId, packageId: null, content: { name: "Pakiet Wsparcie", description: "Dla opiekunów", offerIds: [w.offerId] }, actor: w.actor });
    expect(senior.ok && support.ok).toBe(true);

    const overview = await getProgrammeOverview(w.centre.id, null);
    expect(overview.programme?.resolutionNumber).toBe("XXIV/187/2025");
    expect(overview.packages.map((p) => [p.name, p.offerIds])).toEqual([
      ["Pakiet Senior", [w.offerId]],
      ["Pakiet Wsparcie", [w.offerId]],
    ]);
    if (!senior.ok) return;
    expect((await searchCatalogue({ packageId: senior.packageId })).rows.map((r) => r.offerId)).toEqual([w.offerId]);

    // Emptying a package takes the offer out of that package only; deleting it leaves the offer in the base.
    await savePackage({ cusId: w.centre.id, programmeId: saved.programmeId, packageId: senior.packageId, content: { name: "Pakiet Senior+", description: null, offerIds: [] }, actor: w.actor });
    expect((await searchCatalogue({ packageId: senior.packageId })).total).toBe(0);
    expect(await deletePackage({ cusId: w.centre.id, packageId: senior.packageId, actor: w.actor })).toEqual({ ok: true });
    expect((await searchCatalogue({ q: "opieka wytchnieniowa w domu" })).rows.map((r) => r.offerId)).toContain(w.offerId);

    const actions = (await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.cusId, w.centre.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["programme.created", "package.created", "package.changed", "package.deleted"]));
  });

  it("refuses another centre's offer in a package and another centre's programme or package", async () => {
    const a = await centreWithPublishedOffer("Psycholog dla dorosłych");
    const b = await centreWithPublishedOffer("Transport do lekarza");
    const saved = await saveProgramme({ cusId: a.centre.id, programmeId: null, content: programme, actor: a.actor });
    if (!saved.ok) throw new Error("programme not saved");
    expect(await savePackage({ cusId: a.centre.id, programmeId: saved.programmeId, packageId: null, content: { name: "Pakiet", description: null, offerIds: [b.offerId] }, actor: a.actor })).toEqual({
      ok: false,
      reason: "foreign_offer",
    });
    expect(await savePackage({ cusId: b.centre.id, programmeId: saved.programmeId, packageId: null, content: { name: "Pakiet", description: null, offerIds: [] }, actor: b.actor })).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await saveProgramme({ cusId: b.centre.id, programmeId: saved.programmeId, content: programme, actor: b.actor })).toEqual({ ok: false, reason: "not_found" });
  });

  it("a programme must end after it starts", () => {
    const result = programmeFormSchema.safeParse({ ...programme, validTo: "2025-12-31" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["validTo"], message: "programme.errors.period" });
  });
});

describe("supporting activities of the centre", () => {
  it("are published at once as the centre's own, keep their history, and can be withdrawn", async () => {
    const w = await centreWithPublishedOffer("Fizjoterapia");
    const community = await makeUser(t.db, { role: "community", cusId: w.centre.id });
    const actor = actorOf(community);
    const place = await createLocation({ cusId: w.centre.id }, { name: "Świetlica centrum", street: "ul. Szkolna 2", postalCode: "21-040", city: "Borków", gminaName: "Gmina Borków", accessibility: ["step_free"] }, actor);
    const content = offerContent({ name: "Grupa wsparcia dla opiekunów", area: 11, deliveryModes: ["place"], locationIds: [place.id], price: 0, feeLabel: "free", limitUnits: null, limitPeriodMonths: null });
    const created = await publishCentreActivity({ cusId: w.centre.id, offerId: null, content, actor });
    if (!created.ok) throw new Error(created.reason);
    const found = await searchCatalogue({ q: "grupa wsparcia dla opiekunow", providerKind: "centre" });
    expect(found.rows.map((r) => r.offerId)).toEqual([created.offerId]);

    await publishCentreActivity({ cusId: w.centre.id, offerId: created.offerId, content: { ...content, name: "Grupa samopomocowa opiekunów" }, actor });
    const detail = await getCentreActivity(w.centre.id, created.offerId);
    expect("revisions" in detail && detail.revisions.map((r) => [r.number, r.status, r.isSupportingActivity])).toEqual([
      [2, "published", true],
      [1, "superseded", true],
    ]);

    expect((await withdrawCentreActivity({ cusId: w.centre.id, offerId: created.offerId, actor })).ok).toBe(true);
    expect((await searchCatalogue({ q: "grupa samopomocowa" })).total).toBe(0);
  });

  it("cannot touch a provider's offer, another centre's activity, or use a provider's place", async () => {
    const a = await centreWithPublishedOffer("Złota rączka");
    const b = await centreWithPublishedOffer("Asystent rodziny");
    const actor = a.actor;
    expect(await withdrawCentreActivity({ cusId: a.centre.id, offerId: a.offerId, actor })).toEqual({ ok: false, reason: "forbidden" });
    const theirs = await publishCentreActivity({ cusId: b.centre.id, offerId: null, content: offerContent({ name: "Klub sąsiedzki" }), actor: b.actor });
    if (!theirs.ok) throw new Error(theirs.reason);
    expect(await publishCentreActivity({ cusId: a.centre.id, offerId: theirs.offerId, content: offerContent(), actor })).toEqual({ ok: false, reason: "forbidden" });
    const providerPlace = await createLocation({ providerId: a.provider.id }, { name: "Warsztat", street: "ul. Polna 1", postalCode: "21-040", city: "Borków", gminaName: "Gmina Borków", accessibility: [] }, a.providerActor);
    expect(await publishCentreActivity({ cusId: a.centre.id, offerId: null, content: offerContent({ deliveryModes: ["place"], locationIds: [providerPlace.id] }), actor })).toEqual({
      ok: false,
      reason: "foreign_place",
    });
  });

  it("a provider cannot attach another provider's place to its offer", async () => {
    const a = await centreWithPublishedOffer("Opieka");
    const b = await centreWithPublishedOffer("Rehabilitacja");
    const bPlace = await createLocation({ providerId: b.provider.id }, { name: "Gabinet B", street: "ul. Lipowa 9", postalCode: "21-040", city: "Borków", gminaName: "Gmina Borków", accessibility: [] }, b.providerActor);
    const content = offerContent({ deliveryModes: ["place"], locationIds: [bPlace.id] });
    expect(await saveOfferChanges({ offerId: a.offerId, providerId: a.provider.id, content, actor: a.providerActor })).toEqual({ ok: false, reason: "foreign_place" });
    await expect(draftOffer({ providerId: a.provider.id, cusId: a.centre.id, content, actor: a.providerActor })).rejects.toThrow("foreign_place");
  });
});
