import { and, eq } from "drizzle-orm";
import { applications, auditLog, invitations, residentConsents, residents, slotHolds, waitlistEntries } from "@db/schema";
import * as auditPage from "~/routes/centre.audit";
import * as catalogue from "~/routes/catalogue._index";
import * as availability from "~/routes/provider.calendar";
import * as desk from "~/routes/coordinator._index";
import * as newResident from "~/routes/coordinator.residents.new";
import * as record from "~/routes/coordinator.residents.$residentId";
import * as planPage from "~/routes/coordinator.plans.$planId._index";
import * as providerBookings from "~/routes/provider.bookings";
import * as providerReview from "~/routes/organizer.providers.$providerId";
import * as signInPage from "~/routes/sign-in";
import * as staff from "~/routes/centre.staff";
import { bookSlot } from "~/modules/booking/seats.server";
import { FORM_BODY_LIMIT_BYTES, NOT_A_FORM } from "~/modules/kernel/boundary.server";
import { warsawDate } from "~/modules/kernel/dates";
import { call, cookieOf, get, post, refusalOf } from "../fixtures/http";
import { makeCentre, makeProvider, makeUser } from "../fixtures/people";
import { bookableWorld } from "../fixtures/world";
import { setupTestDatabase } from "../setup/test-database";

const t = setupTestDatabase();
const BAD_ID = "not-an-id";

describe("the request boundary: bad input gets a clear answer, never an error 500", () => {
  it("a malformed id is a message next to the field (forms) or 404 (URLs), never SQL's error", async () => {
    const w = await bookableWorld(t.db, 1, 1);
    const coordinator = await cookieOf(w.coordinator);
    const decline = await call(desk.action, post("/coordinator?index", { cookie: coordinator, fields: { intent: "decline", entryId: BAD_ID } }));
    expect(decline.status).toBe(400);
    expect(refusalOf(decline).errors).toEqual({ entryId: "input.id" });

    const director = await makeUser(t.db, { role: "director", cusId: w.centre.id });
    const directorCookie = await cookieOf(director);
    for (const membershipId of [BAD_ID, ""]) {
      const answer = await call(staff.action, post("/centre/staff", { cookie: directorCookie, fields: { intent: "revoke", membershipId } }));
      expect(answer.status).toBe(400);
      expect(refusalOf(answer).errors.membershipId).toBe("input.id");
    }
    expect((await call(planPage.loader, get(`/coordinator/plans/${BAD_ID}`, coordinator), { planId: BAD_ID })).status).toBe(404);
    const approve = await call(planPage.action, post(`/coordinator/plans/${BAD_ID}?index`, { cookie: directorCookie, fields: { intent: "approve" } }), { planId: BAD_ID });
    expect(approve.status).toBe(404);
    const organiser = await cookieOf(w.organiser);
    expect((await call(providerReview.loader, get(`/organizer/providers/${BAD_ID}`, organiser), { providerId: BAD_ID })).status).toBe(404);
  });

  it("a NUL byte is refused next to its field; in a query it is simply ignored", async () => {
    const user = await makeUser(t.db);
    const answer = await call(signInPage.action, post("/sign-in", { fields: { email: `${user.email}\u0000`, password: "x" } }));
    expect(answer.status).toBe(400);
    expect(refusalOf(answer).errors.email).toBe("input.nul");
    const listed = await call(catalogue.loader, get("/catalogue?gmina=%00&q=opieka%00"));
    expect(listed.status).toBe(200);
  });

  it("impossible dates never pass, and a rule is not run on a field that already failed", async () => {
    const w = await bookableWorld(t.db, 1, 1);
    const coordinator = await cookieOf(w.coordinator);
    for (const birthDate of ["2026-02-31", "0000-01-01", "NaN", "-1"]) {
      const answer = await call(newResident.action, post("/coordinator/residents/new", { cookie: coordinator, fields: { firstName: "Irena", lastName: "Lewicka", documentNumber: "AB123", birthDate, preferredLanguage: "pl", contactPreference: "phone" } }));
      expect(answer.status).toBe(400);
      expect(refusalOf(answer).errors.birthDate).toBe("residents.errors.birthDate");
      expect(refusalOf(answer).values.firstName).toBe("Irena");
    }
    // An empty start date is a message, not a RangeError from the 3–12 month rule.
    const residentId = w.people[0]!.id;
    const plan = await call(record.action, post(`/coordinator/residents/${residentId}`, { cookie: coordinator, fields: { intent: "plan", validFrom: "", validTo: "2027-06-30" } }), { residentId });
    expect(plan.status).toBe(400);
    expect(refusalOf(plan).errors).toEqual({ validFrom: "plans.errors.date" });
    const application = await call(record.action, post(`/coordinator/residents/${residentId}`, { cookie: coordinator, fields: { intent: "application", applicantKind: "resident", needs: "Potrzebuje pomocy w domu po operacji.", receivedOn: "2026-02-30" } }), { residentId });
    expect(refusalOf(application).errors).toEqual({ receivedOn: "plans.errors.date" });
    // A week that is not a date shows this week instead.
    const provider = await cookieOf(w.admin);
    const week = await call(providerBookings.loader, get("/provider/bookings?week=2026-02-31", provider));
    expect(week.status).toBe(200);
  });

  it("numbers are whole and in range: NaN, 1e309 or Infinity seats are refused; page=Infinity is the first page", async () => {
    const w = await bookableWorld(t.db, 1, 1);
    const provider = await cookieOf(w.admin);
    for (const seats of ["NaN", "1e309", "99999999999", "-1"]) {
      const answer = await call(availability.action, post("/provider/calendar", { cookie: provider, fields: { intent: "add-exception", kind: "opening", offerId: w.offerId, startsOn: "2027-01-05", endsOn: "2027-01-05", startTime: "10:00", endTime: "11:00", seats, slotMinutes: "", reason: "Dodatkowe zajęcia" } }));
      expect(answer.status).toBe(400);
      expect(refusalOf(answer).errors.seats).toBe("availability.errors.seats");
    }
    const director = await cookieOf(await makeUser(t.db, { role: "director", cusId: w.centre.id }));
    const page = await call(auditPage.loader, get("/centre/audit?page=Infinity&from=2026-02-31", director));
    expect(page.status).toBe(200);
    expect((page.body as { filter: { page: number }; badDates: boolean }).filter.page).toBe(1);
    expect((page.body as { badDates: boolean }).badDates).toBe(true);
  });

  it("a body that is not a form is 400, one over the limit is 413, with a plain message", async () => {
    const body = (init: Parameters<typeof post>[1]) => call(signInPage.action, post("/sign-in", init));
    expect((await body({ body: "", contentType: null })).status).toBe(400);
    expect((await body({ body: JSON.stringify({ email: "a@b.pl" }), contentType: "application/json" })).status).toBe(400);
    expect((await body({ body: "email=a@b.pl", contentType: "text/plain" })).status).toBe(400);
    const broken = await body({ body: '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nbro', contentType: "multipart/form-data; boundary=x" });
    expect(broken.status).toBe(400);
    expect(String(broken.body)).toBe(NOT_A_FORM);
    const huge = await body({ body: `email=${"x".repeat(FORM_BODY_LIMIT_BYTES + 10)}`, contentType: "application/x-www-form-urlencoded" });
    expect(huge.status).toBe(413);
    // A stream with no declared length is counted as it arrives and cut off at the limit too.
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i += 1) controller.enqueue(new TextEncoder().encode("x".repeat(100_000)));
        controller.close();
      },
    });
    expect((await body({ body: chunks, contentType: "application/x-www-form-urlencoded" })).status).toBe(413);
  });
});

describe("tenancy holds on every write", () => {
  it("declining another centre's waiting-list offer is refused, changes nothing and is audited there", async () => {
    const mine = await bookableWorld(t.db, 1, 1);
    const theirs = await bookableWorld(t.db, 1, 1);
    const slot = theirs.weekly[0]!;
    const [hold] = await t.db.insert(slotHolds).values({ slotId: slot.id, heldBy: theirs.coordinator.id, expiresAt: new Date(Date.now() + 86_400_000) }).returning();
    const [entry] = await t.db
      .insert(waitlistEntries)
      .values({ cusId: theirs.centre.id, offerId: theirs.offerId, residentId: theirs.people[0]!.id, coordinatorUserId: theirs.coordinator.id, status: "offered", offeredSlotId: slot.id, offerExpiresAt: new Date(Date.now() + 86_400_000), holdId: hold!.id })
      .returning();
    const answer = await call(desk.action, post("/coordinator?index", { cookie: await cookieOf(mine.coordinator), fields: { intent: "decline", entryId: entry!.id } }));
    expect(answer.status).toBe(409);
    const [after] = await t.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, entry!.id));
    expect(after).toMatchObject({ status: "offered", holdId: hold!.id });
    expect(await t.db.select().from(slotHolds).where(eq(slotHolds.id, hold!.id))).toHaveLength(1);
    const refused = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "access.refused"), eq(auditLog.entityId, entry!.id)));
    expect(refused).toMatchObject([{ cusId: theirs.centre.id, actorUserId: mine.coordinator.id }]);
  });

  it("a consent names only a provider working with the centre; a plan links only the resident's own application", async () => {
    const w = await bookableWorld(t.db, 1, 1);
    const other = await bookableWorld(t.db, 1, 1);
    const stranger = await makeProvider(t.db);
    const coordinator = await cookieOf(w.coordinator);
    const residentId = w.people[0]!.id;
    const consent = (providerId: string) => call(record.action, post(`/coordinator/residents/${residentId}`, { cookie: coordinator, fields: { intent: "consent", purpose: "share_with_provider", method: "paper", providerId } }), { residentId });
    expect(refusalOf(await consent(stranger.id)).errors).toEqual({ providerId: "residents.errors.consentPartner" });
    expect(refusalOf(await consent(other.provider.id)).errors).toEqual({ providerId: "residents.errors.consentPartner" });
    expect((await consent(w.provider.id)).status).toBe(302);
    expect(await t.db.select().from(residentConsents).where(eq(residentConsents.residentId, residentId))).toHaveLength(1);

    const [foreign] = await t.db.insert(applications).values({ cusId: other.centre.id, residentId: other.people[0]!.id, applicantKind: "resident", needs: "Potrzeby innej osoby w innym centrum", receivedOn: "2026-11-01" }).returning();
    const plan = await call(record.action, post(`/coordinator/residents/${residentId}`, { cookie: coordinator, fields: { intent: "plan", validFrom: "2027-01-01", validTo: "2027-06-30", applicationId: foreign!.id } }), { residentId });
    expect(refusalOf(plan).errors).toEqual({ form: "residents.errors.application" });
    const [untouched] = await t.db.select().from(applications).where(eq(applications.id, foreign!.id));
    expect(untouched!.outcome).toBe("pending");
  });

  it("cancelling another organisation's invitation says it was not found, and cancels nothing", async () => {
    const mine = await makeCentre(t.db);
    const theirs = await makeCentre(t.db);
    const director = await makeUser(t.db, { role: "director", cusId: mine.id });
    const theirDirector = await makeUser(t.db, { role: "director", cusId: theirs.id });
    const [invitation] = await t.db
      .insert(invitations)
      .values({ tokenHash: "h-" + theirs.id, email: "nowa@example.test", role: "coordinator", cusId: theirs.id, invitedBy: theirDirector.id, expiresAt: new Date(Date.now() + 86_400_000) })
      .returning();
    const answer = await call(staff.action, post("/centre/staff", { cookie: await cookieOf(director), fields: { intent: "cancel-invitation", invitationId: invitation!.id } }));
    expect(refusalOf(answer).errors).toEqual({ form: "staff.invitationNotFound" });
    const [after] = await t.db.select().from(invitations).where(eq(invitations.id, invitation!.id));
    expect(after!.cancelledAt).toBeNull();
  });
});

describe("reads of personal data are audited", () => {
  it("a plan page, a provider's booking list, and a refused look at another centre's resident", async () => {
    const w = await bookableWorld(t.db, 1, 1);
    const other = await bookableWorld(t.db, 1, 1);
    const coordinator = await cookieOf(w.coordinator);
    const residentId = w.people[0]!.id;
    const created = await call(record.action, post(`/coordinator/residents/${residentId}`, { cookie: coordinator, fields: { intent: "plan", validFrom: "2027-01-01", validTo: "2027-06-30" } }), { residentId });
    const planId = created.location!.split("/").at(-1)!;
    await call(planPage.loader, get(`/coordinator/plans/${planId}`, coordinator), { planId });
    const slot = w.weekly[0]!;
    await bookSlot({ cusId: w.centre.id, slotId: slot.id, residentId, actor: w.actor });
    await call(providerBookings.loader, get(`/provider/bookings?week=${warsawDate(slot.startsAt)}`, await cookieOf(w.admin)));
    const foreign = other.people[0]!.id;
    expect((await call(record.loader, get(`/coordinator/residents/${foreign}`, coordinator), { residentId: foreign })).status).toBe(404);
    const actions = async (cusId: string) => (await t.db.select().from(auditLog).where(eq(auditLog.cusId, cusId))).map((a) => a.action);
    expect(await actions(w.centre.id)).toEqual(expect.arrayContaining(["plan.read", "booking.list_read"]));
    expect(await actions(other.centre.id)).toContain("access.refused");
    const [resident] = await t.db.select().from(residents).where(eq(residents.id, foreign));
    expect(resident!.cusId).toBe(other.centre.id);
  });
});
