import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { auditLog, bookings, offerRevisions, offers, outbox, planItems, plans, residents, slotHolds, slots } from "@db/schema";
import { ruleVersionInForce } from "~/modules/billing/rules.server";
import { contractForSlotSql, hasPool, lockPoolForSlot, poolTakenSql } from "~/modules/contracts/contracts.server";
import { rowsOf } from "~/modules/kernel/rows.server";
import type { Actor } from "~/modules/kernel/actor";
import { clock } from "~/modules/kernel/clock.server";
import { isUuid } from "~/modules/kernel/ids";
import { planCoversResident } from "~/modules/plans/coverage";
import { isUniqueViolation } from "~/utils/db-errors";

/*
 * Seats: taking one (booking) and giving one back (cancelling, moving). Capacity is the database's to keep:
 * the slot's row is locked for the whole transaction and a CHECK keeps booked ≤ capacity, so two coordinators
 * taking the last seat at once are served one after the other and the second is told the slot is full.
 * Locks are always taken plan → booking → slot, so booking and changing a plan can never deadlock.
 */

export type BookingRefusal = "not_found" | "full" | "closed" | "too_late" | "already_booked" | "outside_plan" | "pool_full";
export type BookingResult = { ok: true; bookingId: string; slotId: string } | { ok: false; reason: BookingRefusal };

/** How close to the start a cancellation counts as late (flagged for the provider and the coordinator). */
export const LATE_CANCELLATION_HOURS = 24;

const refused = (reason: BookingRefusal) => ({ ok: false as const, reason });


/**
 * Takes the plan's lock (shared: bookings of one plan do not wait for each other, a change of the plan waits for
 * them) and reads the item with what a booking under it must respect. Null when the item is gone or the plan
 * does not cover the resident.
 */
export async function lockPlanItemFor(tx: Database, planItemId: string, residentId: string) {
  // Lock first, read after: a read in the locking statement would see the item as it was before a removal the
  // lock waited for (PostgreSQL rechecks only the locked row), and book under an item no longer in the plan.
  await lockPlanOfItem(tx, planItemId);
  const [item] = await tx
    .select({ offerId: planItems.offerId, itemFrom: planItems.validFrom, itemTo: planItems.validTo, status: plans.status, planFrom: plans.validFrom, planTo: plans.validTo })
    .from(planItems)
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .where(and(eq(planItems.id, planItemId), isNull(planItems.removedAt), planCoversResident(residentId)));
  return item ?? null;
}

type Outcome = "ok" | BookingRefusal | "pool_unlocked";

/**
 * Books one seat. The slot's row is locked for the whole decision, so two coordinators taking the last seat at
 * once are served one after the other and the second is told the slot is full; a CHECK on slots keeps
 * booked ≤ capacity even if this code were wrong, and a unique index keeps one active booking per person and slot.
 *
 * Without a plan item it is one statement, the busiest in the portal: lock the slot with what the decision reads
 * (seats held by others, the booking person's own hold, the resident in this centre, an active booking of theirs
 * here already), decide, and only when the answer is yes count the seat, insert the booking, its audit row and
 * the notice for its emails. Under a plan item the plan is locked first (lock order plan → booking → slot), in
 * a transaction around the same statement.
 */
export async function bookSlot(
  input: { cusId: string; slotId: string; residentId: string; planItemId?: string | null; seriesId?: string | null; actor: Actor; now?: Date; notify?: boolean },
  db: Database = getDb(),
): Promise<BookingResult> {
  if (!isUuid(input.slotId) || !isUuid(input.residentId) || (input.planItemId && !isUuid(input.planItemId))) return refused("not_found");
  const now = input.now ?? clock.now();
  const planItemId = input.planItemId ?? null;
  try {
    // A contract's pool is checked after its lock (lock order plan → contract → slot). Without a plan item the
    // statement goes first on its own; only when it finds a pool that could refuse it is it run again, locked.
    if (!planItemId) {
      const first = await takeSeat(db, input, now, null, false);
      if (first.ok || first.reason !== "pool_unlocked") return first as BookingResult;
      return await db.transaction(async (tx) => {
        await lockPoolForSlot(tx, input.cusId, input.slotId);
        return (await takeSeat(tx, input, now, null, true)) as BookingResult;
      });
    }
    const pooled = await hasPool(db, input.cusId, input.slotId);
    return await db.transaction(async (tx) => {
      const item = await lockPlanItemFor(tx, planItemId, input.residentId);
      if (!item || (item.status !== "approved" && item.status !== "active")) return refused("outside_plan");
      if (pooled) await lockPoolForSlot(tx, input.cusId, input.slotId);
      // A pool found after the check (made in between) is judged without its lock: it was not there a moment ago.
      return (await takeSeat(tx, input, now, item, true)) as BookingResult;
    });
  } catch (error) {
    // The partial unique index on (slot, resident) caught a double click from the same coordinator.
    if (isUniqueViolation(error)) return refused("already_booked");
    throw error;
  }
}

type PlanItemWindow = NonNullable<Awaited<ReturnType<typeof lockPlanItemFor>>>;

async function takeSeat(db: Database, input: Parameters<typeof bookSlot>[0], now: Date, item: PlanItemWindow | null, poolLocked: boolean): Promise<BookingResult | { ok: false; reason: "pool_unlocked" }> {
  const bookingId = randomUUID();
  const at = now.toISOString();
  const me = input.actor.userId;
  // Under a plan item the slot must be of the item's offer and fall inside the item's and the plan's dates (Warsaw days).
  const inPlan = item
    ? sql`s.offer_id = ${item.offerId} and (s.starts_at at time zone 'Europe/Warsaw')::date between greatest(${item.itemFrom}::date, ${item.planFrom}::date) and least(${item.itemTo}::date, ${item.planTo}::date)`
    : sql`true`;
  const notice = input.notify === false ? sql`` : sql`, queued as (
      insert into ${outbox} (kind, key, payload, cus_id, next_attempt_at)
      select 'booking-notice', 'booking-notice:confirmed:' || b.id, jsonb_build_object('bookingIds', jsonb_build_array(b.id), 'kind', 'confirmed'), b.cus_id, ${at}::timestamptz from booked b)`;
  const [row] = await rowsOf<{ outcome: Outcome; slotId: string }>(
    db,
    sql`with locked as (
      select s.*,
        (select count(*)::int from ${slotHolds} h where h.slot_id = s.id and h.expires_at > ${at}::timestamptz and (h.held_by is null or h.held_by <> ${me})) as held_by_others,
        exists (select 1 from ${slotHolds} h where h.slot_id = s.id and h.held_by = ${me}) as held_by_me,
        exists (select 1 from ${residents} r where r.id = ${input.residentId} and r.cus_id = s.cus_id) as resident_here,
        exists (select 1 from ${bookings} b where b.slot_id = s.id and b.resident_id = ${input.residentId} and b.status = 'active') as already_booked,
        ${inPlan} as in_plan
      from ${slots} s where s.id = ${input.slotId} and s.cus_id = ${input.cusId}
      for no key update of s
    ), decision as (
      select l.*, k.id as contract_id, k.unit_price_grosze as contract_price, case
        when not l.resident_here then 'not_found'
        when l.closed_at is not null then 'closed'
        when l.starts_at < ${at}::timestamptz + make_interval(mins => l.min_notice_minutes) then 'too_late'
        when not l.in_plan then 'outside_plan'
        when l.booked + l.held_by_others >= l.capacity then 'full'
        when l.already_booked then 'already_booked'
        when not k.overrun_allowed and (k.pool_units_hundredths is not null or k.pool_grosze is not null) and not ${poolLocked} then 'pool_unlocked'
        when not k.overrun_allowed and (pt."committedHundredths" + pt."usedHundredths" + 100 > k.pool_units_hundredths
          or pt."committedGrosze" + pt."usedGrosze" + k.unit_price_grosze > k.pool_grosze) then 'pool_full'
        else 'ok' end as outcome
      from locked l
      left join lateral (${contractForSlotSql({ offerId: sql`l.offer_id`, providerId: sql`l.provider_id`, cusId: sql`l.cus_id`, day: sql`(l.starts_at at time zone 'Europe/Warsaw')::date` })}) k on true
      left join lateral (${poolTakenSql(sql`k.id`)}) pt on k.pool_units_hundredths is not null or k.pool_grosze is not null
    ), counted as (
      update ${slots} set booked = ${slots.booked} + 1 from decision d where ${slots.id} = d.id and d.outcome = 'ok'
    ), unheld as (
      delete from ${slotHolds} using decision d where ${slotHolds.slotId} = d.id and ${slotHolds.heldBy} = ${me} and d.outcome = 'ok' and d.held_by_me
    ), booked as (
      insert into ${bookings} (id, cus_id, slot_id, offer_id, provider_id, resident_id, plan_item_id, series_id, starts_at, ends_at, created_by, created_at, updated_at,
        offer_revision_id, unit_price_grosze, copay_rule_version_id, contract_id, contract_price_grosze)
      select ${bookingId}, d.cus_id, d.id, d.offer_id, d.provider_id, ${input.residentId}, ${input.planItemId ?? null}, ${input.seriesId ?? null}, d.starts_at, d.ends_at, ${me}, ${at}::timestamptz, ${at}::timestamptz,
        o.published_revision_id, rv.price_grosze, ${ruleVersionInForce(sql`d.cus_id`, sql`d.offer_id`, sql`(d.starts_at at time zone 'Europe/Warsaw')::date`)},
        d.contract_id, d.contract_price
      from decision d join ${offers} o on o.id = d.offer_id left join ${offerRevisions} rv on rv.id = o.published_revision_id
      where d.outcome = 'ok'
      returning id, cus_id, slot_id, resident_id, starts_at
    ), audited as (
      insert into ${auditLog} (action, entity_type, entity_id, cus_id, actor_user_id, actor_email, ip, after, at)
      select 'booking.created', 'booking', b.id::text, b.cus_id, ${me}, ${input.actor.email}, ${input.actor.ip},
        jsonb_build_object('slotId', b.slot_id, 'residentId', b.resident_id, 'startsAt', to_char(b.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')), ${at}::timestamptz
      from booked b
    )${notice}
    select d.outcome, d.id as "slotId" from decision d`,
  );
  if (!row) return refused("not_found");
  if (row.outcome === "pool_unlocked") return { ok: false, reason: "pool_unlocked" };
  return row.outcome === "ok" ? { ok: true, bookingId, slotId: row.slotId } : refused(row.outcome);
}

export type CancelledBy = "coordinator" | "provider" | "resident";

/**
 * Marks a booking cancelled and gives its seat back (the caller holds the booking's and the slot's locks).
 * Returns whether it was late: within 24 hours of the start.
 */
export async function releaseSeat(tx: Database, booking: typeof bookings.$inferSelect, how: { reason: string; by: CancelledBy; now: Date }) {
  const late = booking.startsAt.getTime() - how.now.getTime() < LATE_CANCELLATION_HOURS * 3_600_000;
  await tx
    .update(bookings)
    .set({ status: "cancelled", cancelledAt: how.now, cancelReason: how.reason, cancelledBy: how.by, lateCancellation: late, sequence: sql`${bookings.sequence} + 1`, updatedAt: how.now })
    .where(eq(bookings.id, booking.id));
  await tx.update(slots).set({ booked: sql`${slots.booked} - 1` }).where(eq(slots.id, booking.slotId));
  return late;
}

/** Shares the lock of the plan an item belongs to, before a booking's lock (see the lock order above). */
export async function lockPlanOfItem(tx: Database, planItemId: string) {
  if (!isUuid(planItemId)) return;
  await tx.select({ id: plans.id }).from(planItems).innerJoin(plans, eq(plans.id, planItems.planId)).where(eq(planItems.id, planItemId)).for("share", { of: plans });
}
