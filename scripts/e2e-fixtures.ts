/**
 * Data of its own for each end-to-end test: a small HTTP service the end-to-end server starts beside the portal
 * (same process, same database connection), on E2E_FIXTURES_PORT, localhost only, never in production. A test
 * asks it for a resident with a plan and past visits, a member of staff, or a provider with an offer, each with
 * a name no other test uses, so tests running side by side never touch each other's records.
 */
import { createServer, type IncomingMessage } from "node:http";
import { and, eq } from "drizzle-orm";
import { getDb } from "../db/client";
import { DEMO_PASSWORD } from "../db/demo-accounts";
import { billingSettings, bookings, centreProviders, memberships, providerPayoutAccounts, offerRevisions, offers, plans, providerOrganisations, residents, slots, statements, users } from "../db/schema";
import { visitFacts } from "../app/modules/booking/attendance.server";
import { accrueCharge } from "../app/modules/billing/charges.server";
import { issueStatements } from "../app/modules/billing/statements.server";
import type { Role } from "../db/schema/values";
import { createAvailabilityRule } from "../app/modules/capacity/availability.server";
import { ruleFormSchema } from "../app/modules/capacity/availability-form";
import { createLocation, createOffer, reviewOffer, submitOffer } from "../app/modules/directory/offers.server";
import { completeNip, completeRegon9 } from "../app/modules/directory/identifiers";
import { hashPassword } from "../app/modules/identity/password.server";
import { clock } from "../app/modules/kernel/clock.server";
import { addDays, warsawDate, warsawInstant } from "../app/modules/kernel/dates";
import { linkFamily } from "../app/modules/plans/family.server";
import { accrueDeliveries } from "../app/modules/settlements/accruals.server";
import { stripe } from "../app/modules/stripe/client.server";
import { addPlanItem, addPlanMember, approvePlan, createPlan } from "../app/modules/plans/plans.server";
import { DEMO_CENTRE_ID, stableId } from "./demo-data/seed";

if (process.env.NODE_ENV === "production") throw new Error("The fixture service is for end-to-end tests only.");

let counter = 0;
/** A tag no other fixture has: two letters and a number, readable in a name ("Testowa-KB7"). */
function tag(): string {
  counter += 1;
  const letters = "ABCDEFGHJKLMNPRSTWZ";
  return `${letters[Math.floor(Math.random() * letters.length)]}${letters[counter % letters.length]}${counter}`;
}

const coordinatorId = stableId("user:koordynator@cus-demo.example");
const coordinator = { userId: coordinatorId, email: "koordynator@cus-demo.example", name: "Anna Nowak", ip: "127.0.0.1" };
const director = { userId: stableId("user:dyrektor@cus-demo.example"), email: "dyrektor@cus-demo.example", name: "Barbara Wiśniewska", ip: "127.0.0.1" };
const HELPING_HAND = stableId("provider:Fundacja Pomocna Dłoń");

async function offerIdByName(name: string): Promise<string> {
  const [row] = await getDb().select({ id: offers.id }).from(offers).innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId)).where(and(eq(offers.cusId, DEMO_CENTRE_ID), eq(offerRevisions.name, name)));
  if (!row) throw new Error(`no published offer "${name}"`);
  return row.id;
}

async function account(email: string, name: string, role: Role, where: { cusId?: string; providerId?: string }, locale = "pl") {
  const db = getDb();
  const [user] = await db.insert(users).values({ email, name, passwordHash: await hashPassword(DEMO_PASSWORD), locale }).returning();
  const [membership] = await db.insert(memberships).values({ userId: user!.id, role, cusId: where.cusId ?? null, providerId: where.providerId ?? null }).returning();
  return { userId: user!.id, membershipId: membership!.id, email, password: DEMO_PASSWORD, name };
}

type ResidentRequest = {
  account?: boolean;
  language?: "pl" | "en" | "uk";
  email?: boolean;
  /** Offers (by name) of an approved plan starting today; `draft: true` leaves it for the director. */
  plan?: { offers: string[]; draft?: boolean; relative?: boolean };
  /** Past visits of the plan's first item at Fundacja Pomocna Dłoń: days ago, and what was recorded. */
  pastVisits?: { daysAgo: number; outcome: "delivered" | "no_show" | null }[];
};

async function resident(request: ResidentRequest) {
  const db = getDb();
  const t = tag();
  const firstName = "Helena";
  const lastName = `Testowa-${t}`;
  const email = `helena.${t.toLowerCase()}@example.test`;
  const login = request.account ? await account(email, `${firstName} ${lastName}`, "resident", { cusId: DEMO_CENTRE_ID }, request.language) : null;
  const [row] = await db
    .insert(residents)
    .values({ cusId: DEMO_CENTRE_ID, firstName, lastName, documentNumber: `T${t}`, phone: "+48 600 100 200", email: request.account || request.email ? email : null, preferredLanguage: request.language ?? "pl", userId: login?.userId ?? null })
    .returning();
  const out: Record<string, unknown> = { id: row!.id, firstName, lastName, name: `${firstName} ${lastName}`, email, password: login?.password ?? null };
  if (!request.plan) return out;

  let relative: { id: string; name: string } | null = null;
  if (request.plan.relative) {
    const [r] = await db.insert(residents).values({ cusId: DEMO_CENTRE_ID, firstName: "Józef", lastName, documentNumber: `R${t}` }).returning();
    relative = { id: r!.id, name: `Józef ${lastName}` };
    await linkFamily({ cusId: DEMO_CENTRE_ID, residentId: row!.id, relatedResidentId: r!.id, relation: "spouse", actor: coordinator });
  }
  const today = warsawDate(clock.now());
  const validFrom = request.pastVisits?.length ? addDays(today, -30) : today;
  const validTo = addDays(validFrom, 180);
  const plan = await createPlan({ cusId: DEMO_CENTRE_ID, residentId: row!.id, applicationId: null, content: { validFrom, validTo, isFamilyPlan: !!relative, previousPlanId: null }, actor: coordinator });
  if (!plan.ok) throw new Error(`plan: ${plan.reason}`);
  const items: Record<string, string> = {};
  for (const name of request.plan.offers) {
    const added = await addPlanItem({ cusId: DEMO_CENTRE_ID, planId: plan.planId, item: { offerId: await offerIdByName(name), locationId: null, units: 10, frequency: "1 × w tygodniu", validFrom, validTo }, actor: coordinator });
    if (!added.ok) throw new Error(`plan item ${name}: ${JSON.stringify(added.reason)}`);
    items[name] = added.itemId;
  }
  if (relative) await addPlanMember({ cusId: DEMO_CENTRE_ID, planId: plan.planId, residentId: relative.id, actor: coordinator });
  if (!request.plan.draft) {
    await approvePlan({ cusId: DEMO_CENTRE_ID, planId: plan.planId, actor: director });
    await db.update(plans).set({ status: "active" }).where(eq(plans.id, plan.planId));
  }
  // Visits that already happened are written as they happened (slots are materialised only ahead of today).
  const [firstOffer] = request.plan.offers;
  const visits: string[] = [];
  for (const visit of request.pastVisits ?? []) {
    const offerId = await offerIdByName(firstOffer!);
    const startsAt = warsawInstant(addDays(today, -visit.daysAgo), 10 * 60);
    const [slot] = await db
      .insert(slots)
      .values({ cusId: DEMO_CENTRE_ID, offerId, providerId: HELPING_HAND, sourceKey: `e2e-past:${t}:${visit.daysAgo}`, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), capacity: 1, booked: 1 })
      .returning();
    const [booking] = await db
      .insert(bookings)
      .values({
        cusId: DEMO_CENTRE_ID, slotId: slot!.id, offerId, providerId: HELPING_HAND, residentId: row!.id, planItemId: items[firstOffer!]!, startsAt, endsAt: slot!.endsAt, createdBy: coordinatorId,
        attendance: visit.outcome, deliveredUnits: visit.outcome === "delivered" ? "1.00" : null, attendanceRecordedAt: visit.outcome ? clock.now() : null,
      })
      .returning();
    visits.push(booking!.id);
  }
  return { ...out, plan: { id: plan.planId, items }, relative, visits };
}

/** A member of the centre's staff of their own (a language switch or a role change then touches nobody else). */
async function staff(request: { role: Role }) {
  const t = tag();
  return account(`staff.${t.toLowerCase()}@example.test`, `Ewa Testowa-${t}`, request.role, { cusId: DEMO_CENTRE_ID });
}

/**
 * A valid NIP from its first nine digits; some prefixes have no check digit, so step to the next that has. Callers
 * give a prefix ending in 0 of a block of ten their own (a step stays in the block: the ninth digit's weight
 * makes at most one of ten prefixes invalid), so two fixtures never step onto the same NIP.
 */
function validNip(first9: string): string {
  for (let n = Number(first9); ; n += 1) {
    const nip = completeNip(String(n).padStart(9, "0"));
    if (nip) return nip;
  }
}

/** A verified provider of the demo centre with its administrator, a place, and a published offer without hours yet. */
async function provider() {
  const db = getDb();
  const t = tag();
  const name = `Fundacja Próbna ${t}`;
  const digits = String(100_000 + counter).slice(-6);
  const [org] = await db
    .insert(providerOrganisations)
    .values({ name, legalForm: "foundation", nip: validNip(`712${String(10_000 + counter).slice(-5)}0`), regon: completeRegon9(`36${digits}`), krs: `0000${digits}`, contactPerson: "Marta Testowa", street: "ul. Próbna 1", postalCode: "21-040", city: "Borków", gminaName: "Gmina Borków", email: `fundacja.${t.toLowerCase()}@example.test`, phone: "+48 81 000 00 00" })
    .returning();
  await db.insert(centreProviders).values({ cusId: DEMO_CENTRE_ID, providerId: org!.id, status: "verified" });
  const admin = await account(`admin.${t.toLowerCase()}@example.test`, `Marta Testowa-${t}`, "provider_admin", { providerId: org!.id });
  const actor = { userId: admin.userId, email: admin.email, name: admin.name, ip: "127.0.0.1" };
  const place = await createLocation({ providerId: org!.id }, { name: `Gabinet ${t}`, street: "ul. Próbna 1", postalCode: "21-040", city: "Borków", gminaName: "Gmina Borków", accessibility: ["step_free"] }, actor);
  const offerName = `Konsultacje psychologiczne ${t}`;
  const created = await createOffer({
    providerId: org!.id,
    cusId: DEMO_CENTRE_ID,
    content: {
      name: offerName, description: "Rozmowa z psychologiem dla dorosłych mieszkańców gminy, w gabinecie fundacji.", area: 5, category: "Wsparcie psychologiczne", targetGroups: ["adults"], eligibility: null, requiredDocuments: null,
      howToApply: null, deliveryModes: ["place"], groupMode: "individual", languages: ["pl"], unit: "session", typicalDurationMinutes: 50, limitUnits: null, limitPeriodMonths: null, price: 0, feeLabel: "free", locationIds: [place.id],
    },
    actor,
  });
  if (!created.ok) throw new Error(`offer: ${created.reason}`);
  await submitOffer({ offerId: created.offerId, providerId: org!.id, actor });
  await reviewOffer({ offerId: created.offerId, cusId: DEMO_CENTRE_ID, decision: "publish", comment: null, actor: { ...coordinator, userId: stableId("user:organizator@cus-demo.example"), email: "organizator@cus-demo.example" } });
  return { id: org!.id, name, admin, offerId: created.offerId, offerName, placeName: place.name, placeId: place.id };
}

/** Weekly hours for an offer (a fixture's or the demo's), for tests that need free slots of their own. */
async function hours(request: { offerId: string; providerId: string; placeId: string; weekdays: number[]; startTime: string; endTime: string; seats?: number }) {
  const [admin] = await getDb().select({ userId: memberships.userId, email: users.email, name: users.name }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(memberships.providerId, request.providerId));
  const rule = ruleFormSchema.parse({
    offerId: request.offerId, locationId: request.placeId, staffUserId: "", weekdays: request.weekdays.map(String), startTime: request.startTime, endTime: request.endTime, validFrom: warsawDate(clock.now()), validTo: "",
    kind: "slots", slotMinutes: "60", bufferMinutes: "0", seats: String(request.seats ?? 1), minNoticeHours: "0", horizonDays: "60",
  });
  const result = await createAvailabilityRule({ owner: { providerId: request.providerId }, rule, actor: { ...admin!, ip: "127.0.0.1" } });
  if (!result.ok) throw new Error(`hours: ${result.reason}`);
  return { ruleId: result.id, slots: result.added };
}

/**
 * A resident with an account and an issued statement of their own: home-care visits delivered `hours` long on
 * days ago, charged under the demo's rule (15 % of 45 zł an hour), on a final statement for this month.
 */
async function statement(request: { language?: "pl" | "en" | "uk"; visits?: { daysAgo: number; hours: number }[] }) {
  const db = getDb();
  const person = (await resident({ account: true, language: request.language })) as { id: string; email: string; password: string; name: string };
  const today = warsawDate(clock.now());
  const offerId = await offerIdByName("Usługi opiekuńcze w domu");
  const [offer] = await db.select({ revision: offerRevisions.id, price: offerRevisions.priceGrosze }).from(offers).innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId)).where(eq(offers.id, offerId));
  const t = tag();
  await db.transaction(async (tx) => {
    for (const visit of request.visits ?? [{ daysAgo: 3, hours: 2 }, { daysAgo: 10, hours: 2 }]) {
      const startsAt = warsawInstant(addDays(today, -visit.daysAgo), 9 * 60);
      const endsAt = new Date(startsAt.getTime() + visit.hours * 3_600_000);
      const [slot] = await tx.insert(slots).values({ cusId: DEMO_CENTRE_ID, offerId, providerId: HELPING_HAND, sourceKey: `e2e-statement:${t}:${visit.daysAgo}`, startsAt, endsAt, capacity: 1, booked: 1 }).returning();
      const [booking] = await tx
        .insert(bookings)
        .values({ cusId: DEMO_CENTRE_ID, slotId: slot!.id, offerId, providerId: HELPING_HAND, residentId: person.id, startsAt, endsAt, createdBy: coordinatorId, offerRevisionId: offer!.revision, unitPriceGrosze: offer!.price, attendance: "delivered", deliveredUnits: visit.hours.toFixed(2), attendanceRecordedAt: endsAt })
        .returning();
      await accrueCharge(tx, await visitFacts(tx, booking!), { reason: "delivered", unitsHundredths: Math.round(visit.hours * 100) }, null, endsAt);
    }
  });
  const month = `${today.slice(0, 7)}-01`;
  const issued = await issueStatements({ cusId: DEMO_CENTRE_ID, month, issuedOn: today, actor: null, now: clock.now(), only: [person.id] });
  if (!issued.ok) throw new Error(`statement: ${issued.reason}`);
  const [row] = await db.select().from(statements).where(and(eq(statements.payerId, person.id), eq(statements.month, month)));
  return { resident: person, statement: { id: row!.id, reference: row!.reference, totalGrosze: row!.totalGrosze } };
}

/**
 * Visits a fixture provider delivered (days ago, hours long), confirmed and accrued — flagged while no contract
 * covers them. `bank` gives the provider a confirmed bank account and the centre a payout account; the stand-in's
 * balance is topped up for transfers.
 */
async function deliveries(request: { providerId: string; offerId: string; visits: { daysAgo: number; hours: number }[]; bank?: boolean }) {
  const db = getDb();
  const person = (await resident({})) as { id: string };
  const today = warsawDate(clock.now());
  const t = tag();
  await db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const visit of request.visits) {
      const startsAt = warsawInstant(addDays(today, -visit.daysAgo), 10 * 60);
      const endsAt = new Date(startsAt.getTime() + visit.hours * 3_600_000);
      const [slot] = await tx.insert(slots).values({ cusId: DEMO_CENTRE_ID, offerId: request.offerId, providerId: request.providerId, sourceKey: `e2e-delivery:${t}:${visit.daysAgo}`, startsAt, endsAt, capacity: 1, booked: 1 }).returning();
      const [booking] = await tx
        .insert(bookings)
        .values({ cusId: DEMO_CENTRE_ID, slotId: slot!.id, offerId: request.offerId, providerId: request.providerId, residentId: person.id, startsAt, endsAt, createdBy: coordinatorId, attendance: "delivered", deliveredUnits: visit.hours.toFixed(2), attendanceRecordedAt: endsAt })
        .returning();
      ids.push(booking!.id);
    }
    await accrueDeliveries(tx, { cusId: DEMO_CENTRE_ID, bookingIds: ids }, null, clock.now());
  });
  if (request.bank) {
    await db.insert(providerPayoutAccounts).values({ providerId: request.providerId, bankNrb: "61109010140000071219812874", bankHolder: "Fundacja Próbna", bankConfirmedAt: clock.now() }).onConflictDoNothing();
    await db.insert(billingSettings).values({ cusId: DEMO_CENTRE_ID, treasuryNrb: "77102010260000710201234567", treasuryName: "Gmina Borków — Urząd Gminy" }).onConflictDoUpdate({ target: billingSettings.cusId, set: { treasuryNrb: "77102010260000710201234567", treasuryName: "Gmina Borków — Urząd Gminy" } });
  }
  await stripe().topups.create({ amount: 5_000_000, currency: "pln", description: "Środki na wypłaty dla usługodawców" });
  return { ok: true };
}

const routes: Record<string, (body: never) => Promise<unknown>> = { resident, staff, provider, hours, statement, deliveries };

async function body(request: IncomingMessage): Promise<unknown> {
  let text = "";
  for await (const chunk of request) text += chunk;
  return text ? JSON.parse(text) : {};
}

export function startFixtureService(port: number) {
  const server = createServer((request, response) => {
    const route = routes[(request.url ?? "").replace(/^\//, "")];
    if (request.method !== "POST" || !route) {
      response.writeHead(404).end();
      return;
    }
    body(request)
      .then((input) => route(input as never))
      .then((result) => response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(result)))
      .catch((error: unknown) => response.writeHead(500, { "Content-Type": "text/plain" }).end(error instanceof Error ? `${error.stack ?? error.message}${error.cause instanceof Error ? `\ncause: ${error.cause.message}` : ""}` : String(error)));
  });
  server.listen(port, "127.0.0.1");
  return server;
}
