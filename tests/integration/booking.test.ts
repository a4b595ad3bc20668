import { and, eq } from "drizzle-orm";
import { auditLog, bookings, outbox, residents, slots, waitlistEntries } from "@db/schema";
import { bookSlot } from "~/modules/booking/seats.server";
import { bookWeeklySeries } from "~/modules/booking/series.server";
import { cancelBooking, requestBookingChange, rescheduleBooking } from "~/modules/booking/changes.server";
import { listPlanItemBookings, listProviderBookings, planItemProgress } from "~/modules/booking/queries.server";
import { recordAttendance } from "~/modules/booking/attendance.server";
import { queueReminders } from "~/modules/booking/booking-worker.server";
import { acceptWaitlistOffer, expireWaitlistOffers, joinWaitlist } from "~/modules/booking/waitlist.server";
import { warsawDate as warsawDay } from "~/modules/kernel/dates";
import { linkFamily, listFamily, unlinkFamily } from "~/modules/plans/family.server";
import { addPlanItem, addPlanMember, approvePlan, createPlan, getCurrentPlanForResident, listPlanItemsForOffer, removePlanItem } from "~/modules/plans/plans.server";
import { actorOf, makeCentre, makeUser } from "../fixtures/people";
import { bookableWorld, composeBookingNotices } from "../fixtures/world";
import { setupTestDatabase } from "../setup/test-database";

const t = setupTestDatabase();

const world = (seats: number, residentCount: number) => bookableWorld(t.db, seats, residentCount);

/** The emails queued for a centre, once the booking notices have been composed into them. */
async function emailsOf(cusId: string) {
  await composeBookingNotices(t.db);
  return t.db.select().from(outbox).where(and(eq(outbox.cusId, cusId), eq(outbox.kind, "email")));
}

// PGlite has one connection, so the tests that start calls at once (marked "a race on PostgreSQL")
// only interleave for real on PostgreSQL; CI runs every test on both.
describe("booking with capacity enforced by the database", () => {
  it("50 coordinators booking a 5-seat slot at once: exactly 5 succeed, the rest are told it is full (a race on PostgreSQL)", async () => {
    const w = await world(5, 50);
    const slot = w.weekly[0]!;
    const results = await Promise.all(w.people.map((p) => bookSlot({ cusId: w.centre.id, slotId: slot.id, residentId: p.id, actor: w.actor })));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(Array(45).fill("full"));
    const [after] = await t.db.select().from(slots).where(eq(slots.id, slot.id));
    expect(after!.booked).toBe(5);
    expect(await t.db.select().from(bookings).where(eq(bookings.slotId, slot.id))).toHaveLength(5);
  });

  it("two series overlapping on a one-seat weekly slot never oversell; each week has one winner (a race on PostgreSQL)", async () => {
    const w = await world(1, 2);
    const [a, b] = w.people;
    const [first] = w.weekly;
    const [seriesA, seriesB] = await Promise.all([
      bookWeeklySeries({ cusId: w.centre.id, residentId: a!.id, firstSlotId: first!.id, weeks: 6, actor: w.actor }),
      bookWeeklySeries({ cusId: w.centre.id, residentId: b!.id, firstSlotId: first!.id, weeks: 6, actor: w.actor }),
    ]);
    if (!seriesA.ok || !seriesB.ok) throw new Error("series refused");
    for (let week = 0; week < 6; week += 1) {
      const outcomes = [seriesA.occurrences[week]!, seriesB.occurrences[week]!];
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      const lost = outcomes.find((o) => !o.ok)!;
      expect(!lost.ok && lost.reason).toBe("full");
    }
    const used = await t.db.select().from(slots).where(eq(slots.offerId, w.offerId));
    expect(used.every((s) => s.booked <= s.capacity)).toBe(true);
  });

  it("a series reports weeks it cannot book with the nearest free alternatives", async () => {
    const w = await world(1, 2);
    const [first, second] = w.weekly;
    await bookSlot({ cusId: w.centre.id, slotId: second!.id, residentId: w.people[1]!.id, actor: w.actor });
    const series = await bookWeeklySeries({ cusId: w.centre.id, residentId: w.people[0]!.id, firstSlotId: first!.id, weeks: 3, actor: w.actor });
    if (!series.ok) throw new Error("series refused");
    expect(series.occurrences.map((o) => o.ok)).toEqual([true, false, true]);
    const missed = series.occurrences[1]!;
    expect(!missed.ok && missed.reason).toBe("full");
    // The only other slots are a week away, outside the three days around the wanted one.
    expect(!missed.ok && missed.alternatives).toEqual([]);
  });

  it("cancelling frees the seat, flags late cancellations, and is audited", async () => {
    const w = await world(1, 2);
    const slot = w.weekly[0]!;
    const booked = await bookSlot({ cusId: w.centre.id, slotId: slot.id, residentId: w.people[0]!.id, actor: w.actor });
    if (!booked.ok) throw new Error(booked.reason);
    expect(await bookSlot({ cusId: w.centre.id, slotId: slot.id, residentId: w.people[1]!.id, actor: w.actor })).toEqual({ ok: false, reason: "full" });
    expect(await cancelBooking({ bookingId: booked.bookingId, scope: { providerId: "00000000-0000-4000-a000-000000000000" }, by: "provider", reason: "x", actor: w.actor })).toEqual({ ok: false, reason: "forbidden" });
    expect(await cancelBooking({ bookingId: booked.bookingId, scope: { cusId: w.centre.id }, by: "coordinator", reason: " ", actor: w.actor })).toEqual({ ok: false, reason: "reason_required" });
    const oneHourBefore = new Date(slot.startsAt.getTime() - 3_600_000);
    const cancelled = await cancelBooking({ bookingId: booked.bookingId, scope: { residentId: w.people[0]!.id }, by: "resident", reason: "Choroba", actor: w.actor, now: oneHourBefore });
    expect(cancelled).toEqual({ ok: true, late: true, slotId: slot.id });
    expect((await bookSlot({ cusId: w.centre.id, slotId: slot.id, residentId: w.people[1]!.id, actor: w.actor })).ok).toBe(true);
    const [row] = await t.db.select().from(bookings).where(eq(bookings.id, booked.bookingId));
    expect(row).toMatchObject({ status: "cancelled", cancelledBy: "resident", lateCancellation: true, sequence: 1 });
    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.entityId, booked.bookingId))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["booking.created", "booking.cancelled"]));
  });

  it("refuses a slot inside the minimum notice, a second seat for the same person, and another centre's slot", async () => {
    const w = await world(3, 1);
    const other = await world(3, 1);
    const slot = w.weekly[0]!;
    const tooLate = new Date(slot.startsAt.getTime() - 3_600_000);
    expect(await bookSlot({ cusId: w.centre.id, slotId: slot.id, residentId: w.people[0]!.id, actor: w.actor, now: tooLate })).toEqual({ ok: false, reason: "too_late" });
    expect((await bookSlot({ cusId: w.centre.id, slotId: slot.id, residentId: w.people[0]!.id, actor: w.actor })).ok).toBe(true);
    expect(await bookSlot({ cusId: w.centre.id, slotId: slot.id, residentId: w.people[0]!.id, actor: w.actor })).toEqual({ ok: false, reason: "already_booked" });
    expect(await bookSlot({ cusId: other.centre.id, slotId: slot.id, residentId: other.people[0]!.id, actor: other.actor })).toEqual({ ok: false, reason: "not_found" });
  });

  it("the provider records delivery with units or a no-show, only for its own started visits", async () => {
    const w = await world(2, 1);
    const other = await world(2, 1);
    const slot = w.weekly[0]!;
    const booked = await bookSlot({ cusId: w.centre.id, slotId: slot.id, residentId: w.people[0]!.id, actor: w.actor });
    if (!booked.ok) throw new Error(booked.reason);
    const before = new Date(slot.startsAt.getTime() - 60_000);
    const after = new Date(slot.endsAt.getTime() + 60_000);
    const mark = (input: Partial<Parameters<typeof recordAttendance>[0]>) =>
      recordAttendance({ bookingId: booked.bookingId, providerId: w.provider.id, attendance: "delivered", units: 1, actor: w.providerActor, now: after, ...input });
    expect(await mark({ now: before })).toEqual({ ok: false, reason: "future" });
    expect(await mark({ providerId: other.provider.id })).toEqual({ ok: false, reason: "forbidden" });
    expect(await mark({ units: 0 })).toEqual({ ok: false, reason: "units" });
    expect(await mark({ units: 1.5 })).toMatchObject({ ok: true });
    const [row] = await t.db.select().from(bookings).where(eq(bookings.id, booked.bookingId));
    expect(row).toMatchObject({ attendance: "delivered", deliveredUnits: "1.50" });

    // A provider's list shows its own bookings only, with the resident's name but never the PESEL.
    const mine = await listProviderBookings(w.provider.id, new Date(slot.startsAt.getTime() - 1), new Date(slot.endsAt.getTime() + 1), w.providerActor);
    expect(mine.map((b) => b.id)).toEqual([booked.bookingId]);
    expect(Object.keys(mine[0]!)).not.toContain("pesel");
    expect(await listProviderBookings(other.provider.id, new Date(0), new Date(Date.now() + 365 * 86_400_000), null)).toEqual([]);
  });

  it("a freed seat is held for the first waiting resident's coordinator, then passes on when not taken", async () => {
    const w = await world(1, 4);
    const [a, b, c, d] = w.people;
    const slot = w.weekly[0]!;
    const booked = await bookSlot({ cusId: w.centre.id, slotId: slot.id, residentId: a!.id, actor: w.actor });
    if (!booked.ok) throw new Error(booked.reason);
    const otherCoordinator = await makeUser(t.db, { role: "coordinator", cusId: w.centre.id });
    const other = actorOf(otherCoordinator);
    expect(await joinWaitlist({ cusId: w.centre.id, offerId: w.offerId, residentId: b!.id, planItemId: null, actor: w.actor })).toEqual({ ok: true, position: 1 });
    expect(await joinWaitlist({ cusId: w.centre.id, offerId: w.offerId, residentId: c!.id, planItemId: null, actor: other })).toEqual({ ok: true, position: 2 });
    expect(await joinWaitlist({ cusId: w.centre.id, offerId: w.offerId, residentId: b!.id, planItemId: null, actor: w.actor })).toEqual({ ok: false, reason: "already_waiting" });

    await cancelBooking({ bookingId: booked.bookingId, scope: { cusId: w.centre.id }, by: "coordinator", reason: "Szpital", actor: w.actor });
    const [offered] = await t.db.select().from(waitlistEntries).where(eq(waitlistEntries.residentId, b!.id));
    expect(offered).toMatchObject({ status: "offered", offeredSlotId: slot.id });
    const told = (await emailsOf(w.centre.id)).filter((m) => (m.payload as { props: { kind: string } }).props.kind === "waitlist_offer");
    expect(told.map((m) => (m.payload as { to: string }).to)).toEqual([w.actor.email]);
    // Held for B's coordinator: anyone else is told the slot is full.
    expect(await bookSlot({ cusId: w.centre.id, slotId: slot.id, residentId: d!.id, actor: other })).toEqual({ ok: false, reason: "full" });

    // Not taken within 24 hours: the offer expires and C's coordinator gets it.
    await expireWaitlistOffers(new Date(Date.now() + 25 * 3_600_000));
    const entries = await t.db.select().from(waitlistEntries).where(eq(waitlistEntries.offerId, w.offerId));
    expect(entries.find((e) => e.residentId === b!.id)?.status).toBe("expired");
    const forC = entries.find((e) => e.residentId === c!.id)!;
    expect(forC.status).toBe("offered");
    expect((await acceptWaitlistOffer({ cusId: w.centre.id, entryId: forC.id, actor: other })).ok).toBe(true);
    const [after] = await t.db.select().from(slots).where(eq(slots.id, slot.id));
    expect(after!.booked).toBe(1);
  });

  it("a booking notice handled twice (a crash before it was marked done) still queues each email once", async () => {
    const w = await world(1, 1);
    await t.db.update(residents).set({ email: "raz@example.test" }).where(eq(residents.id, w.people[0]!.id));
    const booked = await bookSlot({ cusId: w.centre.id, slotId: w.weekly[0]!.id, residentId: w.people[0]!.id, actor: w.actor });
    if (!booked.ok) throw new Error(booked.reason);
    const first = (await emailsOf(w.centre.id)).map((m) => (m.payload as { to: string }).to).sort();
    expect(first).toEqual(["raz@example.test", w.provider.email].sort());
    await t.db.update(outbox).set({ status: "pending", lockedUntil: null }).where(and(eq(outbox.cusId, w.centre.id), eq(outbox.kind, "booking-notice")));
    expect((await emailsOf(w.centre.id)).map((m) => (m.payload as { to: string }).to).sort()).toEqual(first);
  });

  it("queues the day-before reminder once, to the resident and the provider", async () => {
    const w = await world(1, 1);
    const slot = w.weekly[0]!;
    await t.db.update(residents).set({ email: "jan@example.test" }).where(eq(residents.id, w.people[0]!.id));
    const booked = await bookSlot({ cusId: w.centre.id, slotId: slot.id, residentId: w.people[0]!.id, actor: w.actor });
    if (!booked.ok) throw new Error(booked.reason);
    const dayBefore = new Date(slot.startsAt.getTime() - 20 * 3_600_000);
    const reminders = async () =>
      (await emailsOf(w.centre.id)).filter((m) => (m.payload as { props: { kind: string } }).props.kind === "reminder");
    expect(await queueReminders(new Date(slot.startsAt.getTime() - 3 * 86_400_000))).toBe(0);
    await queueReminders(dayBefore);
    await queueReminders(dayBefore);
    const sent = (await reminders()).map((m) => (m.payload as { to: string }).to);
    expect(sent).toHaveLength(2);
    expect(sent).toContain("jan@example.test");
  });

  it("a booking outside the plan item's dates, or for a plan not yet approved, is refused with a reason", async () => {
    const w = await world(2, 1);
    const [first, second] = w.weekly;
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const plan = await createPlan({ cusId: w.centre.id, residentId: w.people[0]!.id, applicationId: null, content: { validFrom: day(first!.startsAt), validTo: day(new Date(first!.startsAt.getTime() + 100 * 86_400_000)), isFamilyPlan: false, previousPlanId: null }, actor: w.actor });
    if (!plan.ok) throw new Error(plan.reason);
    // The item covers only the first week.
    const item = await addPlanItem({ cusId: w.centre.id, planId: plan.planId, item: { offerId: w.offerId, locationId: null, units: 1, frequency: "jednorazowo", validFrom: day(first!.startsAt), validTo: day(first!.startsAt) }, actor: w.actor });
    if (!item.ok) throw new Error("item refused");
    expect(await bookSlot({ cusId: w.centre.id, slotId: first!.id, residentId: w.people[0]!.id, planItemId: item.itemId, actor: w.actor })).toEqual({ ok: false, reason: "outside_plan" }); // still a draft
    await approvePlan({ cusId: w.centre.id, planId: plan.planId, actor: w.actor });
    expect(await bookSlot({ cusId: w.centre.id, slotId: second!.id, residentId: w.people[0]!.id, planItemId: item.itemId, actor: w.actor })).toEqual({ ok: false, reason: "outside_plan" });
    expect((await bookSlot({ cusId: w.centre.id, slotId: first!.id, residentId: w.people[0]!.id, planItemId: item.itemId, actor: w.actor })).ok).toBe(true);
    expect(await planItemProgress(plan.planId)).toEqual([{ planItemId: item.itemId, upcoming: 1, delivered: 0, noShows: 0 }]);
  });

  it("a resident's request to change a visit reaches the centre by email; nobody else's booking can be touched", async () => {
    const w = await world(2, 2);
    const booked = await bookSlot({ cusId: w.centre.id, slotId: w.weekly[0]!.id, residentId: w.people[0]!.id, actor: w.actor });
    if (!booked.ok) throw new Error(booked.reason);
    expect(await requestBookingChange({ bookingId: booked.bookingId, residentId: w.people[1]!.id, message: "Inny dzień", actor: w.actor })).toEqual({ ok: false, reason: "not_found" });
    expect(await requestBookingChange({ bookingId: booked.bookingId, residentId: w.people[0]!.id, message: " ", actor: w.actor })).toEqual({ ok: false, reason: "message_required" });
    expect(await requestBookingChange({ bookingId: booked.bookingId, residentId: w.people[0]!.id, message: "Proszę o czwartek", actor: w.actor })).toEqual({ ok: true });
    const requests = (await emailsOf(w.centre.id)).filter((m) => (m.payload as { props: { kind: string } }).props.kind === "change_request");
    expect(requests).toHaveLength(1);
    expect((requests[0]!.payload as { to: string; props: { reason: string } }).props.reason).toBe("Proszę o czwartek");
  });

  it("rescheduling takes the new seat before giving up the old one, keeps the history, and sends one 'changed' email", async () => {
    const w = await world(1, 2);
    const [first, second, third] = w.weekly;
    await t.db.update(residents).set({ email: "osoba0@example.org" }).where(eq(residents.id, w.people[0]!.id));
    const mine = await bookSlot({ cusId: w.centre.id, slotId: first!.id, residentId: w.people[0]!.id, actor: w.actor });
    const theirs = await bookSlot({ cusId: w.centre.id, slotId: second!.id, residentId: w.people[1]!.id, actor: w.actor });
    if (!mine.ok || !theirs.ok) throw new Error("setup");
    const seats = async () => Object.fromEntries((await t.db.select().from(slots).where(eq(slots.offerId, w.offerId))).map((s) => [s.id, s.booked]));

    // The week after is full: nothing changes, the visit stays where it was.
    expect(await rescheduleBooking({ bookingId: mine.bookingId, newSlotId: second!.id, cusId: w.centre.id, reason: "Prośba mieszkańca", actor: w.actor })).toEqual({ ok: false, reason: "full" });
    expect(await rescheduleBooking({ bookingId: mine.bookingId, newSlotId: third!.id, cusId: w.centre.id, reason: " ", actor: w.actor })).toEqual({ ok: false, reason: "reason_required" });
    const other = await makeCentre(t.db);
    expect(await rescheduleBooking({ bookingId: mine.bookingId, newSlotId: third!.id, cusId: other.id, reason: "Prośba", actor: w.actor })).toEqual({ ok: false, reason: "forbidden" });
    expect((await seats())[first!.id]).toBe(1);

    const moved = await rescheduleBooking({ bookingId: mine.bookingId, newSlotId: third!.id, cusId: w.centre.id, reason: "Prośba mieszkańca", actor: w.actor });
    if (!moved.ok) throw new Error(moved.reason);
    const after = await seats();
    expect([after[first!.id], after[second!.id], after[third!.id]]).toEqual([0, 1, 1]);
    const [oldRow] = await t.db.select().from(bookings).where(eq(bookings.id, mine.bookingId));
    const [newRow] = await t.db.select().from(bookings).where(eq(bookings.id, moved.bookingId));
    expect(oldRow).toMatchObject({ status: "cancelled", cancelReason: "Prośba mieszkańca", cancelledBy: "coordinator" });
    expect(newRow).toMatchObject({ status: "active", rescheduledFromId: mine.bookingId, startsAt: third!.startsAt });
    const mails = (await emailsOf(w.centre.id)).map((m) => m.payload as { to: string; props: { kind: string; previousStartsAt: string | null } });
    const changed = mails.filter((m) => m.props.kind === "changed");
    expect(changed.map((m) => m.to)).toContain("osoba0@example.org");
    expect(changed[0]!.props.previousStartsAt).toBe(first!.startsAt.toISOString());
    expect(mails.filter((m) => m.props.kind === "cancelled")).toHaveLength(0);
    // A moved visit cannot be moved again from its old place.
    expect(await rescheduleBooking({ bookingId: mine.bookingId, newSlotId: first!.id, cusId: w.centre.id, reason: "Znowu", actor: w.actor })).toEqual({ ok: false, reason: "already_cancelled" });
  });

  it("taking a service out of an approved plan cancels its future visits and keeps the old plan version", async () => {
    const w = await world(2, 1);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const [first, second, third] = w.weekly;
    const plan = await createPlan({ cusId: w.centre.id, residentId: w.people[0]!.id, applicationId: null, content: { validFrom: day(first!.startsAt), validTo: day(new Date(first!.startsAt.getTime() + 100 * 86_400_000)), isFamilyPlan: false, previousPlanId: null }, actor: w.actor });
    if (!plan.ok) throw new Error(plan.reason);
    const item = await addPlanItem({ cusId: w.centre.id, planId: plan.planId, item: { offerId: w.offerId, locationId: null, units: 4, frequency: "1 × w tygodniu", validFrom: day(first!.startsAt), validTo: day(new Date(first!.startsAt.getTime() + 100 * 86_400_000)) }, actor: w.actor });
    if (!item.ok) throw new Error("item");
    await approvePlan({ cusId: w.centre.id, planId: plan.planId, actor: w.actor });
    for (const slot of [first!, second!]) expect((await bookSlot({ cusId: w.centre.id, slotId: slot.id, residentId: w.people[0]!.id, planItemId: item.itemId, actor: w.actor })).ok).toBe(true);

    // The second visit is moved a week on: the plan item's list shows where it came from.
    const secondBooking = (await listPlanItemBookings(item.itemId))[1]!;
    const moved = await rescheduleBooking({ bookingId: secondBooking.id, newSlotId: third!.id, cusId: w.centre.id, reason: "Inny tydzień", actor: w.actor });
    if (!moved.ok) throw new Error(moved.reason);
    const beforeRemoval = await listPlanItemBookings(item.itemId);
    expect(beforeRemoval.map((v) => [v.status, v.movedFrom?.toISOString() ?? null])).toEqual([
      ["active", null],
      ["cancelled", null],
      ["active", second!.startsAt.toISOString()],
    ]);

    expect(await removePlanItem({ cusId: w.centre.id, planId: plan.planId, itemId: item.itemId, reason: "Mieszkaniec zrezygnował", actor: w.actor })).toEqual({ ok: true, cancelledVisits: 2 });
    const visits = await listPlanItemBookings(item.itemId);
    expect(visits.map((v) => [v.status, v.cancelReason])).toEqual([
      ["cancelled", "Mieszkaniec zrezygnował"],
      ["cancelled", "Inny tydzień"],
      ["cancelled", "Mieszkaniec zrezygnował"],
    ]);
    const seats = await t.db.select().from(slots).where(eq(slots.offerId, w.offerId));
    expect(seats.every((s) => s.booked === 0)).toBe(true);
  });

  it("a service taken out of a plan while visits are being booked ends with no active visit on it (a race on PostgreSQL)", async () => {
    const w = await world(3, 1);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const first = w.weekly[0]!;
    const validTo = day(new Date(first.startsAt.getTime() + 100 * 86_400_000));
    const plan = await createPlan({ cusId: w.centre.id, residentId: w.people[0]!.id, applicationId: null, content: { validFrom: day(first.startsAt), validTo, isFamilyPlan: false, previousPlanId: null }, actor: w.actor });
    if (!plan.ok) throw new Error(plan.reason);
    const item = await addPlanItem({ cusId: w.centre.id, planId: plan.planId, item: { offerId: w.offerId, locationId: null, units: 4, frequency: "1 × w tygodniu", validFrom: day(first.startsAt), validTo }, actor: w.actor });
    if (!item.ok) throw new Error("item");
    await approvePlan({ cusId: w.centre.id, planId: plan.planId, actor: w.actor });
    const results = await Promise.all([
      ...w.weekly.slice(0, 4).map((slot) => bookSlot({ cusId: w.centre.id, slotId: slot.id, residentId: w.people[0]!.id, planItemId: item.itemId, actor: w.actor })),
      removePlanItem({ cusId: w.centre.id, planId: plan.planId, itemId: item.itemId, reason: "Rezygnacja mieszkańca", actor: w.actor }),
    ]);
    expect(results.at(-1)).toMatchObject({ ok: true });
    const active = (await listPlanItemBookings(item.itemId)).filter((v) => v.status === "active");
    expect(active).toEqual([]);
    const seats = await t.db.select().from(slots).where(eq(slots.offerId, w.offerId));
    expect(seats.every((s) => s.booked === 0)).toBe(true);
  });

  it("a family plan covers the relatives added to it: their visits can be booked, a stranger's cannot", async () => {
    const w = await world(3, 3);
    const [mother, son, neighbour] = w.people;
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const [first] = w.weekly;
    expect(await linkFamily({ cusId: w.centre.id, residentId: mother!.id, relatedResidentId: son!.id, relation: "child", actor: w.actor })).toEqual({ ok: true });
    expect(await linkFamily({ cusId: w.centre.id, residentId: mother!.id, relatedResidentId: mother!.id, relation: "child", actor: w.actor })).toEqual({ ok: false, reason: "self" });
    // Recorded both ways: the son sees his mother as his parent.
    expect((await listFamily(w.centre.id, son!.id)).map((f) => [f.residentId, f.relation])).toEqual([[mother!.id, "parent"]]);

    const validTo = day(new Date(first!.startsAt.getTime() + 100 * 86_400_000));
    const plan = await createPlan({ cusId: w.centre.id, residentId: mother!.id, applicationId: null, content: { validFrom: day(first!.startsAt), validTo, isFamilyPlan: true, previousPlanId: null }, actor: w.actor });
    if (!plan.ok) throw new Error(plan.reason);
    expect(await addPlanMember({ cusId: w.centre.id, planId: plan.planId, residentId: neighbour!.id, actor: w.actor })).toEqual({ ok: false, reason: "not_related" });
    expect(await addPlanMember({ cusId: w.centre.id, planId: plan.planId, residentId: son!.id, actor: w.actor })).toEqual({ ok: true });
    const item = await addPlanItem({ cusId: w.centre.id, planId: plan.planId, item: { offerId: w.offerId, locationId: null, units: 4, frequency: "1 × w tygodniu", validFrom: day(first!.startsAt), validTo }, actor: w.actor });
    if (!item.ok) throw new Error("item");
    await approvePlan({ cusId: w.centre.id, planId: plan.planId, actor: w.actor });

    expect((await bookSlot({ cusId: w.centre.id, slotId: first!.id, residentId: son!.id, planItemId: item.itemId, actor: w.actor })).ok).toBe(true);
    expect(await bookSlot({ cusId: w.centre.id, slotId: first!.id, residentId: neighbour!.id, planItemId: item.itemId, actor: w.actor })).toEqual({ ok: false, reason: "outside_plan" });
    expect((await listPlanItemsForOffer(w.centre.id, w.offerId, warsawDay(first!.startsAt))).map((c) => c.residentId).sort()).toEqual([mother!.id, son!.id].sort());
    expect((await getCurrentPlanForResident(son!.id))?.plan.id).toBe(plan.planId);
    expect(await getCurrentPlanForResident(neighbour!.id)).toBeNull();
    // While the son is on his mother's plan, the family link cannot simply be dropped.
    expect(await unlinkFamily({ cusId: w.centre.id, residentId: son!.id, relatedResidentId: mother!.id, actor: w.actor })).toEqual({ ok: false, reason: "on_plan" });
    expect(await addPlanMember({ cusId: w.centre.id, planId: plan.planId, residentId: son!.id, reason: "Dodany ponownie", actor: w.actor })).toEqual({ ok: false, reason: "already_member" });
  });
});
