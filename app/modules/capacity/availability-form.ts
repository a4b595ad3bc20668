import { z } from "zod";
import { checkbox, choice, crossCheck, date, id, int, intents, many, optionalDate, optionalId, optionalInt, text, time } from "~/modules/kernel/input";

/** Availability looks ahead a few years at most; an hour on 0001-01-01 or 9999-12-31 is a typing mistake. */
const DAY = { min: "2020-01-01", max: "2100-12-31", message: "availability.errors.date" } as const;
const optionalTime = () => z.union([z.literal("").transform(() => null), time({ message: "availability.errors.time" })], { error: "availability.errors.time" }).default(null as never);

/** A weekly availability window as the provider fills it in. Messages are i18n keys. */
export const ruleFormSchema = crossCheck(
  z.object({
    offerId: id({ message: "availability.errors.offer" }),
    locationId: optionalId({ message: "availability.errors.place" }),
    staffUserId: optionalId({ message: "availability.errors.staff" }),
    weekdays: many(int({ min: 1, max: 7, message: "availability.errors.weekdays" }), { max: 7 }).refine((days) => days.length > 0, "availability.errors.weekdays"),
    startTime: time({ message: "availability.errors.time" }),
    endTime: time({ message: "availability.errors.time" }),
    validFrom: date(DAY),
    validTo: optionalDate(DAY),
    kind: choice(["slots", "day"]),
    // Checked against the kind below: a whole-day window has no visit length.
    slotMinutes: optionalInt({ min: 5, max: 1440, message: "availability.errors.slotMinutes" }),
    bufferMinutes: int({ min: 0, max: 240, message: "availability.errors.buffer" }),
    seats: int({ min: 1, max: 1000, message: "availability.errors.seats" }),
    minNoticeHours: int({ min: 0, max: 24 * 60, message: "availability.errors.notice" }),
    horizonDays: int({ min: 1, max: 366, message: "availability.errors.horizon" }),
    openOnHolidays: checkbox(),
  }),
  (v, ctx) => {
    if (v.endTime <= v.startTime) ctx.addIssue({ code: "custom", path: ["endTime"], message: "availability.errors.endBeforeStart" });
    if (v.validTo !== null && v.validTo < v.validFrom) ctx.addIssue({ code: "custom", path: ["validTo"], message: "availability.errors.validTo" });
    if (v.kind === "slots" && v.slotMinutes === null) ctx.addIssue({ code: "custom", path: ["slotMinutes"], message: "availability.errors.slotMinutes" });
  },
);
export type RuleInput = z.infer<typeof ruleFormSchema>;

/** A closure (whole days, or some hours of each day) or an extra opening. */
export const exceptionFormSchema = crossCheck(
  z.object({
    kind: choice(["closure", "opening"]),
    offerId: optionalId({ message: "availability.errors.offer" }),
    locationId: optionalId({ message: "availability.errors.place" }),
    startsOn: date(DAY),
    endsOn: date(DAY),
    startTime: optionalTime(),
    endTime: optionalTime(),
    seats: optionalInt({ min: 1, max: 1000, message: "availability.errors.seats" }),
    slotMinutes: optionalInt({ min: 5, max: 1440, message: "availability.errors.slotMinutes" }),
    reason: text({ min: 3, max: 300, message: "availability.errors.reason" }),
  }),
  (v, ctx) => {
    if (v.endsOn < v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "availability.errors.validTo" });
    if ((v.startTime === null) !== (v.endTime === null)) ctx.addIssue({ code: "custom", path: ["endTime"], message: "availability.errors.bothTimes" });
    if (v.startTime && v.endTime && v.endTime <= v.startTime) ctx.addIssue({ code: "custom", path: ["endTime"], message: "availability.errors.endBeforeStart" });
    if (v.kind === "opening") {
      if (!v.offerId) ctx.addIssue({ code: "custom", path: ["offerId"], message: "availability.errors.offer" });
      if (!v.startTime) ctx.addIssue({ code: "custom", path: ["startTime"], message: "availability.errors.openingTimes" });
      if (v.seats === null) ctx.addIssue({ code: "custom", path: ["seats"], message: "availability.errors.seats" });
    }
  },
);
export type ExceptionInput = z.infer<typeof exceptionFormSchema>;

/** What the availability page's forms send: one object per intent. */
export const availabilityAction = intents([
  z.object({ intent: z.literal("feed") }),
  ruleFormSchema.extend({ intent: z.literal("add-rule") }),
  exceptionFormSchema.extend({ intent: z.literal("add-exception") }),
  z.object({ intent: z.literal("end-rule"), id: id() }),
  z.object({ intent: z.literal("remove-exception"), id: id() }),
]);
export type AvailabilityAction = z.infer<typeof availabilityAction>;

/** The form a refusal is shown on: weekly hours or a closure/opening. */
export function availabilityFormOf(values: Record<string, unknown>): string {
  return values.intent === "add-exception" ? "exception" : "rule";
}
