import { sql } from "drizzle-orm";
import { boolean, check, index, integer, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { slots } from "./capacity";
import { contracts } from "./contracts";
import { offers } from "./directory";
import { centres, providerOrganisations } from "./organisations";
import { users } from "./identity";
import { planItems, residents } from "./plans";

export const attendanceValues = ["delivered", "no_show"] as const;
export type Attendance = (typeof attendanceValues)[number];
export const attendanceEnum = pgEnum("booking_attendance", attendanceValues);

/** A recurring series booked in one go (e.g. every Tuesday 10:00 for 12 weeks). */
export const bookingSeries = pgTable("booking_series", {
  id: uuid("id").primaryKey().defaultRandom(),
  cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
  residentId: uuid("resident_id").notNull().references(() => residents.id, { onDelete: "cascade" }),
  offerId: uuid("offer_id").notNull().references(() => offers.id, { onDelete: "cascade" }),
  planItemId: uuid("plan_item_id").references(() => planItems.id, { onDelete: "set null" }),
  description: text("description").notNull(),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const bookingStatuses = ["active", "cancelled"] as const;
export type BookingStatus = (typeof bookingStatuses)[number];
export const bookingStatusEnum = pgEnum("booking_status", bookingStatuses);

/** One resident's seat in one slot. Times are copied from the slot so history survives slot changes. */
export const bookings = pgTable(
  "bookings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    slotId: uuid("slot_id").notNull().references(() => slots.id, { onDelete: "restrict" }),
    offerId: uuid("offer_id").notNull().references(() => offers.id, { onDelete: "cascade" }),
    providerId: uuid("provider_id").references(() => providerOrganisations.id, { onDelete: "cascade" }),
    residentId: uuid("resident_id").notNull().references(() => residents.id, { onDelete: "cascade" }),
    planItemId: uuid("plan_item_id").references(() => planItems.id, { onDelete: "set null" }),
    seriesId: uuid("series_id").references(() => bookingSeries.id, { onDelete: "set null" }),
    /** The booking this one replaced when rescheduled (history kept). */
    rescheduledFromId: uuid("rescheduled_from_id"),
    status: bookingStatusEnum("status").notNull().default("active"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** What the visit was booked under, so a later price or rule change never reprices it. */
    offerRevisionId: uuid("offer_revision_id"),
    unitPriceGrosze: integer("unit_price_grosze"),
    copayRuleVersionId: uuid("copay_rule_version_id"),
    /** The contract in force for the visit's day when booked (its pool is drawn down) and its tariff then. */
    contractId: uuid("contract_id").references(() => contracts.id, { onDelete: "restrict" }),
    contractPriceGrosze: integer("contract_price_grosze"),
    /** iCalendar SEQUENCE: raised on every change so subscribed calendars update the event. */
    sequence: integer("sequence").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelReason: text("cancel_reason"),
    /** coordinator, provider or resident */
    cancelledBy: text("cancelled_by"),
    lateCancellation: boolean("late_cancellation").notNull().default(false),
    attendance: attendanceEnum("attendance"),
    /** Units actually delivered, in the offer's unit (what settlement pays for). */
    deliveredUnits: numeric("delivered_units", { precision: 8, scale: 2 }),
    attendanceRecordedAt: timestamp("attendance_recorded_at", { withTimezone: true }),
    attendanceRecordedBy: uuid("attendance_recorded_by").references(() => users.id, { onDelete: "set null" }),
    /** When the day-before reminder was queued (once per booking). */
    reminderQueuedAt: timestamp("reminder_queued_at", { withTimezone: true }),
  },
  (t) => [
    // One resident holds at most one seat in a slot.
    uniqueIndex("bookings_slot_resident_active").on(t.slotId, t.residentId).where(sql`${t.status} = 'active'`),
    index("bookings_provider_start").on(t.providerId, t.startsAt),
    index("bookings_resident_start").on(t.residentId, t.startsAt),
    index("bookings_cus_start").on(t.cusId, t.startsAt),
    index("bookings_contract_pending").on(t.contractId).where(sql`${t.status} = 'active' and ${t.attendance} is null`),
  ],
);

/** A seat held for a few minutes while a coordinator completes a booking; expired holds free the seat. */
export const slotHolds = pgTable(
  "slot_holds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slotId: uuid("slot_id").notNull().references(() => slots.id, { onDelete: "cascade" }),
    heldBy: uuid("held_by").references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("slot_holds_slot_expiry").on(t.slotId, t.expiresAt)],
);

/**
 * A secret iCalendar feed URL: a provider's bookings or a resident's. Only the token's SHA-256 is stored;
 * regenerating revokes the old URL.
 */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerId: uuid("provider_id").references(() => providerOrganisations.id, { onDelete: "cascade" }),
    residentId: uuid("resident_id").references(() => residents.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("calendar_feeds_token").on(t.tokenHash),
    check("calendar_feeds_owner", sql`(${t.providerId} is null) <> (${t.residentId} is null)`),
  ],
);

export const waitlistStatuses = ["waiting", "offered", "booked", "expired", "withdrawn"] as const;
export type WaitlistStatus = (typeof waitlistStatuses)[number];
export const waitlistStatusEnum = pgEnum("waitlist_status", waitlistStatuses);

/**
 * A waiting list per offer, first come first served. When a seat frees, the first waiting resident's
 * coordinator is offered it until `offer_expires_at`, then the next one.
 */
export const waitlistEntries = pgTable(
  "waitlist_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    offerId: uuid("offer_id").notNull().references(() => offers.id, { onDelete: "cascade" }),
    residentId: uuid("resident_id").notNull().references(() => residents.id, { onDelete: "cascade" }),
    planItemId: uuid("plan_item_id").references(() => planItems.id, { onDelete: "set null" }),
    coordinatorUserId: uuid("coordinator_user_id").references(() => users.id, { onDelete: "set null" }),
    status: waitlistStatusEnum("status").notNull().default("waiting"),
    offeredSlotId: uuid("offered_slot_id").references(() => slots.id, { onDelete: "set null" }),
    offerExpiresAt: timestamp("offer_expires_at", { withTimezone: true }),
    /** The hold that keeps the offered seat for this coordinator until the offer expires. */
    holdId: uuid("hold_id").references(() => slotHolds.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("waitlist_offer_status").on(t.offerId, t.status, t.createdAt), uniqueIndex("waitlist_resident_offer_open").on(t.offerId, t.residentId).where(sql`${t.status} in ('waiting','offered')`)],
);
