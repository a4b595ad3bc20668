import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgEnum, pgTable, smallint, text, time, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { locations, offers } from "./directory";
import { centres, providerOrganisations } from "./organisations";
import { users } from "./identity";

export const availabilityKinds = ["slots", "day"] as const;
export type AvailabilityKind = (typeof availabilityKinds)[number];
export const availabilityKindEnum = pgEnum("availability_kind", availabilityKinds);

/**
 * A weekly recurring window when an offer can be delivered, in Europe/Warsaw wall-clock time:
 * e.g. Mon and Wed 9:00–15:00, 50-minute sessions with 10 minutes between them, one seat each.
 * `day` rules are whole-day places (a day-care centre with 20 places a day).
 */
export const availabilityRules = pgTable(
  "availability_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    offerId: uuid("offer_id").notNull().references(() => offers.id, { onDelete: "cascade" }),
    /** Null for the centre's own supporting activities. */
    providerId: uuid("provider_id").references(() => providerOrganisations.id, { onDelete: "cascade" }),
    /** Null when delivered at home or online. */
    locationId: uuid("location_id").references(() => locations.id, { onDelete: "restrict" }),
    /** The staff member who delivers it, where the provider plans per person. */
    staffUserId: uuid("staff_user_id").references(() => users.id, { onDelete: "set null" }),
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    weekdays: smallint("weekdays").array().notNull(),
    startTime: time("start_time").notNull(),
    endTime: time("end_time").notNull(),
    validFrom: date("valid_from").notNull(),
    validTo: date("valid_to"),
    kind: availabilityKindEnum("kind").notNull().default("slots"),
    slotMinutes: integer("slot_minutes"),
    bufferMinutes: integer("buffer_minutes").notNull().default(0),
    seats: integer("seats").notNull(),
    minNoticeHours: integer("min_notice_hours").notNull().default(24),
    horizonDays: integer("horizon_days").notNull().default(90),
    openOnHolidays: boolean("open_on_holidays").notNull().default(false),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("availability_rules_offer").on(t.offerId),
    index("availability_rules_provider").on(t.providerId),
    check("availability_rules_seats", sql`${t.seats} between 1 and 1000`),
    check("availability_rules_times", sql`${t.endTime} > ${t.startTime}`),
    check("availability_rules_slot_length", sql`${t.kind} = 'day' or ${t.slotMinutes} between 5 and 1440`),
  ],
);

export const exceptionKinds = ["closure", "opening"] as const;
export type ExceptionKind = (typeof exceptionKinds)[number];
export const exceptionKindEnum = pgEnum("availability_exception_kind", exceptionKinds);

/**
 * A closure (holiday, sick leave, renovation) or an extra opening, for a date range. A closure applies to
 * every rule it matches: the whole provider (no offer), one offer, one place or one staff member; with
 * times it closes only part of each day. An opening adds slots, and on a public holiday reopens the day.
 */
export const availabilityExceptions = pgTable(
  "availability_exceptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    providerId: uuid("provider_id").references(() => providerOrganisations.id, { onDelete: "cascade" }),
    offerId: uuid("offer_id").references(() => offers.id, { onDelete: "cascade" }),
    locationId: uuid("location_id").references(() => locations.id, { onDelete: "cascade" }),
    staffUserId: uuid("staff_user_id").references(() => users.id, { onDelete: "set null" }),
    kind: exceptionKindEnum("kind").notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    startTime: time("start_time"),
    endTime: time("end_time"),
    /** Openings: seats and slot length (none = one whole-day slot). */
    seats: integer("seats"),
    slotMinutes: integer("slot_minutes"),
    reason: text("reason").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("availability_exceptions_provider").on(t.providerId),
    index("availability_exceptions_offer").on(t.offerId),
    check("availability_exceptions_range", sql`${t.endsOn} >= ${t.startsOn}`),
    check("availability_exceptions_opening", sql`${t.kind} = 'closure' or (${t.offerId} is not null and ${t.seats} >= 1 and ${t.startTime} is not null and ${t.endTime} > ${t.startTime})`),
  ],
);

/**
 * Slots materialised from rules and openings for each rule's booking horizon (ADR 006). `booked` is kept by
 * the booking module under a row lock and checked by the database, so a slot can never be oversold.
 * A slot that a rule change or closure removes but that has bookings is kept, closed, for the provider to handle.
 */
export const slots = pgTable(
  "slots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").notNull().references(() => centres.id, { onDelete: "cascade" }),
    offerId: uuid("offer_id").notNull().references(() => offers.id, { onDelete: "cascade" }),
    providerId: uuid("provider_id").references(() => providerOrganisations.id, { onDelete: "cascade" }),
    locationId: uuid("location_id").references(() => locations.id, { onDelete: "set null" }),
    staffUserId: uuid("staff_user_id").references(() => users.id, { onDelete: "set null" }),
    /** `rule:<id>` or `opening:<id>`: where the slot comes from; with starts_at it identifies the slot. */
    sourceKey: text("source_key").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    wholeDay: boolean("whole_day").notNull().default(false),
    capacity: integer("capacity").notNull(),
    booked: integer("booked").notNull().default(0),
    minNoticeMinutes: integer("min_notice_minutes").notNull().default(0),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("slots_source_start").on(t.sourceKey, t.startsAt),
    index("slots_offer_start").on(t.offerId, t.startsAt),
    index("slots_cus_start").on(t.cusId, t.startsAt),
    index("slots_provider_start").on(t.providerId, t.startsAt),
    check("slots_capacity", sql`${t.capacity} >= 1`),
    check("slots_not_oversold", sql`${t.booked} >= 0 and ${t.booked} <= ${t.capacity}`),
    check("slots_times", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);
