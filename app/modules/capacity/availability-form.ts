import { z } from "zod";
import { isUuid } from "~/utils/ids";

const time = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "availability.errors.time");
const isoDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "availability.errors.date").refine((v) => !Number.isNaN(Date.parse(v)), "availability.errors.date");
const optionalDate = z.string().trim().transform((v, ctx) => {
  if (v === "") return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) {
    ctx.addIssue({ code: "custom", message: "availability.errors.date" });
    return z.NEVER;
  }
  return v;
});
const int = (min: number, max: number, message: string) => z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
const optionalId = z.string().trim().transform((v) => (v === "" ? null : v)).refine((v) => v === null || isUuid(v), "availability.errors.place");

/** A weekly availability window as the provider fills it in. Messages are i18n keys. */
export const ruleFormSchema = z
  .object({
    offerId: z.string().uuid("availability.errors.offer"),
    locationId: optionalId,
    staffUserId: optionalId,
    weekdays: z.array(z.coerce.number().int().min(1).max(7)).min(1, "availability.errors.weekdays"),
    startTime: time,
    endTime: time,
    validFrom: isoDate,
    validTo: optionalDate,
    kind: z.enum(["slots", "day"]),
    slotMinutes: z.string().trim().transform((v) => (v === "" ? null : Number(v))),
    bufferMinutes: int(0, 240, "availability.errors.buffer"),
    seats: int(1, 1000, "availability.errors.seats"),
    minNoticeHours: int(0, 24 * 60, "availability.errors.notice"),
    horizonDays: int(1, 366, "availability.errors.horizon"),
    openOnHolidays: z.string().optional().transform((v) => v === "on" || v === "true"),
  })
  .superRefine((v, ctx) => {
    if (v.endTime <= v.startTime) ctx.addIssue({ code: "custom", path: ["endTime"], message: "availability.errors.endBeforeStart" });
    if (v.validTo !== null && v.validTo < v.validFrom) ctx.addIssue({ code: "custom", path: ["validTo"], message: "availability.errors.validTo" });
    if (v.kind === "slots") {
      if (v.slotMinutes === null || !Number.isInteger(v.slotMinutes) || v.slotMinutes < 5 || v.slotMinutes > 1440) {
        ctx.addIssue({ code: "custom", path: ["slotMinutes"], message: "availability.errors.slotMinutes" });
      }
    }
  })
  .transform((v) => ({ ...v, slotMinutes: v.kind === "day" ? null : v.slotMinutes }));
export type RuleInput = z.infer<typeof ruleFormSchema>;

/** A closure (whole days, or some hours of each day) or an extra opening. */
export const exceptionFormSchema = z
  .object({
    kind: z.enum(["closure", "opening"]),
    offerId: optionalId,
    locationId: optionalId,
    startsOn: isoDate,
    endsOn: isoDate,
    startTime: z.string().trim().transform((v) => (v === "" ? null : v)).refine((v) => v === null || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), "availability.errors.time"),
    endTime: z.string().trim().transform((v) => (v === "" ? null : v)).refine((v) => v === null || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), "availability.errors.time"),
    seats: z.string().trim().transform((v) => (v === "" ? null : Number(v))),
    slotMinutes: z.string().trim().transform((v) => (v === "" ? null : Number(v))),
    reason: z.string().trim().min(3, "availability.errors.reason").max(300),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "availability.errors.validTo" });
    if ((v.startTime === null) !== (v.endTime === null)) ctx.addIssue({ code: "custom", path: ["endTime"], message: "availability.errors.bothTimes" });
    if (v.startTime && v.endTime && v.endTime <= v.startTime) ctx.addIssue({ code: "custom", path: ["endTime"], message: "availability.errors.endBeforeStart" });
    if (v.kind === "opening") {
      if (!v.offerId) ctx.addIssue({ code: "custom", path: ["offerId"], message: "availability.errors.offer" });
      if (!v.startTime) ctx.addIssue({ code: "custom", path: ["startTime"], message: "availability.errors.openingTimes" });
      if (v.seats === null || !Number.isInteger(v.seats) || v.seats < 1 || v.seats > 1000) ctx.addIssue({ code: "custom", path: ["seats"], message: "availability.errors.seats" });
    }
    if (v.slotMinutes !== null && (!Number.isInteger(v.slotMinutes) || v.slotMinutes < 5 || v.slotMinutes > 1440)) {
      ctx.addIssue({ code: "custom", path: ["slotMinutes"], message: "availability.errors.slotMinutes" });
    }
  });
export type ExceptionInput = z.infer<typeof exceptionFormSchema>;
