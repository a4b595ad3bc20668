import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { auditLog, centreProviders, plans } from "@db/schema";
import { addGoal, addPlanItem, approvePlan, createPlan, decideApplication, getPlan, getPlanVersion, recordApplication, removePlanItem } from "~/modules/plans/plans.server";
import { residentFormSchema } from "~/modules/plans/resident-form";
import { createResident, giveConsent, listConsents, readResidentRecord, withdrawConsent } from "~/modules/plans/residents.server";
import { reviewOffer, submitOffer } from "~/modules/directory/offers.server";
import { draftOffer, offerContent } from "../fixtures/offers";
import { actorOf, makeCentre, makeProvider, makeUser } from "../fixtures/people";
import { setupTestDatabase } from "../setup/test-database";

const t = setupTestDatabase();

const raw = (overrides: Record<string, string> = {}) => ({ firstName: "Irena", lastName: "Lewicka", pesel: "44051401458", documentNumber: "", birthDate: "", street: "", postalCode: "", city: "", gminaName: "", phone: "", email: "", preferredLanguage: "pl", contactPreference: "phone", accessNeeds: "", disabilityLevel: "", disabilityValidUntil: "", ...overrides });
const resident = (overrides: Record<string, string> = {}) => residentFormSchema.parse(raw(overrides));

async function world() {
  const centre = await makeCentre(t.db);
  const coordinator = await makeUser(t.db, { role: "coordinator", cusId: centre.id });
  const director = await makeUser(t.db, { role: "director", cusId: centre.id });
  const actor = actorOf(coordinator);
  return { centre, actor, directorActor: actorOf(director) };
}

describe("residents and plans", () => {
  it("validates the PESEL, refuses the same PESEL twice, warns on the same name and birth date, and audits reads", async () => {
    expect(residentFormSchema.safeParse(raw({ pesel: "44051401459" })).error?.issues[0]?.message).toBe("residents.errors.pesel_checksum");
    expect(resident().birthDate).toBe("1944-05-14");
    const w = await world();
    const first = await createResident({ cusId: w.centre.id, resident: resident(), confirmDuplicate: false, actor: w.actor });
    if (!first.ok) throw new Error(first.reason);
    expect(await createResident({ cusId: w.centre.id, resident: resident(), confirmDuplicate: true, actor: w.actor })).toMatchObject({ ok: false, reason: "same_pesel" });
    const refugee = resident({ pesel: "", documentNumber: "UA1234567", birthDate: "1944-05-14" });
    expect(await createResident({ cusId: w.centre.id, resident: refugee, confirmDuplicate: false, actor: w.actor })).toMatchObject({ ok: false, reason: "possible_duplicate" });
    expect((await createResident({ cusId: w.centre.id, resident: refugee, confirmDuplicate: true, actor: w.actor })).ok).toBe(true);

    await readResidentRecord(w.centre.id, first.residentId, w.actor);
    const reads = await t.db.select().from(auditLog).where(and(eq(auditLog.entityId, first.residentId), eq(auditLog.action, "resident.read")));
    expect(reads).toHaveLength(1);
    expect(reads[0]!.actorUserId).toBe(w.actor.userId);
    const other = await world();
    expect(await readResidentRecord(other.centre.id, first.residentId, other.actor)).toBeNull();
  });

  it("a plan lasts 3–12 months even if the form is bypassed; items respect limits; versions keep the old content", async () => {
    const w = await world();
    const created = await createResident({ cusId: w.centre.id, resident: resident(), confirmDuplicate: false, actor: w.actor });
    if (!created.ok) throw new Error(created.reason);
    await expect(t.db.insert(plans).values({ cusId: w.centre.id, residentId: created.residentId, validFrom: "2027-01-01", validTo: "2027-02-01" })).rejects.toThrow();

    const plan = await createPlan({ cusId: w.centre.id, residentId: created.residentId, applicationId: null, content: { validFrom: "2027-01-01", validTo: "2027-06-30", isFamilyPlan: false, previousPlanId: null }, actor: w.actor });
    if (!plan.ok) throw new Error(plan.reason);
    expect(await approvePlan({ cusId: w.centre.id, planId: plan.planId, actor: w.directorActor })).toEqual({ ok: false, reason: "empty" });

    const provider = await makeProvider(t.db);
    await t.db.insert(centreProviders).values({ cusId: w.centre.id, providerId: provider.id, status: "verified" });
    const admin = await makeUser(t.db, { role: "provider_admin", providerId: provider.id });
    const pa = actorOf(admin);
    const offerId = await draftOffer({ providerId: provider.id, cusId: w.centre.id, content: offerContent({ name: "Psycholog", limitUnits: 15, limitPeriodMonths: 6 }), actor: pa });
    await submitOffer({ offerId, providerId: provider.id, actor: pa });
    await reviewOffer({ offerId, cusId: w.centre.id, decision: "publish", comment: null, actor: w.directorActor });

    const item = { offerId, locationId: null, units: 16, frequency: "1 × w tygodniu", validFrom: "2027-01-01", validTo: "2027-06-30" };
    expect(await addPlanItem({ cusId: w.centre.id, planId: plan.planId, item, actor: w.actor })).toEqual({ ok: false, reason: { limit: 15 } });
    expect(await addPlanItem({ cusId: w.centre.id, planId: plan.planId, item: { ...item, validTo: "2027-07-31" }, actor: w.actor })).toEqual({ ok: false, reason: "outside_plan" });
    expect((await addPlanItem({ cusId: w.centre.id, planId: plan.planId, item: { ...item, units: 15 }, actor: w.actor })).ok).toBe(true);
    expect(await approvePlan({ cusId: w.centre.id, planId: plan.planId, actor: w.directorActor })).toEqual({ ok: true });

    // An approved plan changes only as a modification with a reason; nothing is added without one.
    const goal = { description: "Wraca do pracy", criteria: "Umowa o pracę" };
    expect(await addGoal({ cusId: w.centre.id, planId: plan.planId, goal, actor: w.actor })).toEqual({ ok: false, reason: "reason_required" });
    expect((await getPlan(w.centre.id, plan.planId))?.goals).toHaveLength(0);
    expect((await addGoal({ cusId: w.centre.id, planId: plan.planId, goal, reason: "Przegląd po 3 miesiącach", actor: w.actor })).ok).toBe(true);
    const found = await getPlan(w.centre.id, plan.planId);
    expect(found?.plan.version).toBe(2);
    expect(found?.goals).toHaveLength(1);
    expect(found?.versions[0]).toMatchObject({ number: 1, reason: "Przegląd po 3 miesiącach" });

    // The old version stays readable as it was: no goal yet, the item with 15 units.
    const old = await getPlanVersion(w.centre.id, plan.planId, 1);
    expect(old?.snapshot.goals).toHaveLength(0);
    expect(old?.snapshot.items.map((i) => [i.offerName, i.units])).toEqual([["Psycholog", 15]]);
    expect(await getPlanVersion(w.centre.id, plan.planId, 2)).toBeNull();
    expect(await getPlanVersion(randomUUID(), plan.planId, 1)).toBeNull();
    // Malformed ids and numbers from a URL are "not found", not a database error.
    expect(await getPlanVersion(w.centre.id, "-".repeat(36), 1)).toBeNull();
    expect(await getPlanVersion(w.centre.id, plan.planId, 99_999_999_999)).toBeNull();
    expect(await readResidentRecord(w.centre.id, "a".repeat(36), w.actor)).toBeNull();
    expect(await removePlanItem({ cusId: w.centre.id, planId: plan.planId, itemId: "f".repeat(36), reason: "Sprawdzenie", actor: w.actor })).toEqual({ ok: false, reason: "not_found" });
    // A refused change (a service already gone, e.g. a second click) leaves no version behind.
    expect(await removePlanItem({ cusId: w.centre.id, planId: plan.planId, itemId: randomUUID(), reason: "Drugie kliknięcie", actor: w.actor })).toEqual({ ok: false, reason: "not_found" });
    expect((await getPlan(w.centre.id, plan.planId))?.plan.version).toBe(2);

    const itemId = found!.items[0]!.id;
    expect(await removePlanItem({ cusId: w.centre.id, planId: plan.planId, itemId, reason: "", actor: w.actor })).toEqual({ ok: false, reason: "reason_required" });
    expect(await removePlanItem({ cusId: w.centre.id, planId: plan.planId, itemId, reason: "Mieszkaniec zrezygnował", actor: w.actor })).toEqual({ ok: true, cancelledVisits: 0 });
    const after = await getPlan(w.centre.id, plan.planId);
    expect(after?.items).toHaveLength(0);
    expect(after?.plan.version).toBe(3);
    expect((await getPlanVersion(w.centre.id, plan.planId, 2))?.snapshot.items).toHaveLength(1);
  });

  it("an application can be declined only with a reason, and decided once", async () => {
    const w = await world();
    const created = await createResident({ cusId: w.centre.id, resident: resident(), confirmDuplicate: false, actor: w.actor });
    if (!created.ok) throw new Error(created.reason);
    const application = await recordApplication({ cusId: w.centre.id, residentId: created.residentId, applicantKind: "family", applicantName: "Córka", needs: "Pomoc w zakupach i sprzątaniu", receivedOn: "2026-11-20", actor: w.actor });
    if (!application.ok) throw new Error(application.reason);
    expect(await decideApplication({ cusId: w.centre.id, applicationId: application.applicationId, outcome: "declined", declineReason: " ", actor: w.actor })).toEqual({ ok: false, reason: "reason_required" });
    expect(await decideApplication({ cusId: w.centre.id, applicationId: application.applicationId, outcome: "declined", declineReason: "Usługa poza obszarem gminy", actor: w.actor })).toEqual({ ok: true });
    expect(await decideApplication({ cusId: w.centre.id, applicationId: application.applicationId, outcome: "information", declineReason: null, actor: w.actor })).toEqual({ ok: false, reason: "decided" });
  });

  it("records consents by purpose, with the provider for sharing, and keeps withdrawn ones with the date", async () => {
    const w = await world();
    const created = await createResident({ cusId: w.centre.id, resident: resident(), confirmDuplicate: false, actor: w.actor });
    if (!created.ok) throw new Error(created.reason);
    expect(await giveConsent({ cusId: w.centre.id, residentId: created.residentId, purpose: "share_with_provider", providerId: null, method: "paper", actor: w.actor })).toEqual({ ok: false, reason: "provider_required" });
    expect(await giveConsent({ cusId: w.centre.id, residentId: created.residentId, purpose: "email_notifications", providerId: null, method: "in_person", actor: w.actor })).toEqual({ ok: true });
    const [given] = await listConsents(w.centre.id, created.residentId);
    expect(given?.consent).toMatchObject({ purpose: "email_notifications", method: "in_person", withdrawnAt: null });
    const other = await world();
    expect(await withdrawConsent({ cusId: other.centre.id, consentId: given!.consent.id, actor: other.actor })).toEqual({ ok: false });
    expect(await withdrawConsent({ cusId: w.centre.id, consentId: given!.consent.id, actor: w.actor })).toEqual({ ok: true });
    expect((await listConsents(w.centre.id, created.residentId))[0]?.consent.withdrawnAt).not.toBeNull();
  });
});
