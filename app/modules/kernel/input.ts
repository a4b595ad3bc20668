import { z } from "zod";
import { isCalendarDate, type IsoDate } from "./dates";
import { parsePlnToGrosze } from "~/utils/money";
import { isUuid } from "./ids";
import { isValidNrb } from "./nrb";

/*
 * The words every form and query is written in. Each field turns the text a browser sends into a typed value
 * or a message (an i18n key; "key:param" where the message names a limit), so no module ever sees a
 * malformed id, an impossible date or a number out of range. Rules that compare fields (`crossCheck`) run only
 * once every field is valid.
 */

/** Days before this are typing mistakes, not dates in anyone's life or plan. */
export const EARLIEST_DATE = "1900-01-01";
export const LATEST_DATE = "2100-12-31";

type Message = { message?: string };

const emptyToNull = (v: string) => (v === "" ? null : v);

/** Trimmed text, `min`–`max` characters. */
export function text({ min = 0, max = 1000, message }: Message & { min?: number; max?: number } = {}) {
  const base = z.string({ error: message ?? "input.required" }).trim();
  return (min > 0 ? base.min(min, message ?? "input.required") : base).max(max, `input.tooLong:${max}`);
}

/** Text that may be left empty (stored as null). */
export function optionalText({ max = 1000, message }: Message & { max?: number } = {}) {
  return z
    .string({ error: message ?? "input.text" })
    .trim()
    .max(max, `input.tooLong:${max}`)
    .default("")
    .transform(emptyToNull);
}

/** A record's id (uuid). */
export function id({ message = "input.id" }: Message = {}) {
  return z
    .string({ error: message })
    .trim()
    .refine((v) => isUuid(v), message);
}

/** An id that may be left empty ("none chosen"). */
export function optionalId({ message = "input.id" }: Message = {}) {
  return z
    .string({ error: message })
    .trim()
    .default("")
    .refine((v) => v === "" || isUuid(v), message)
    .transform(emptyToNull);
}

/** A real calendar day, YYYY-MM-DD, within [min, max]. */
export function date({ min = EARLIEST_DATE, max = LATEST_DATE, message = "input.date" }: Message & { min?: IsoDate; max?: IsoDate } = {}) {
  return z
    .string({ error: message })
    .trim()
    .refine((v) => isCalendarDate(v) && v >= min && v <= max, message);
}

export function optionalDate(options: Message & { min?: IsoDate; max?: IsoDate } = {}) {
  return z.union([z.literal("").transform(() => null), date(options)], { error: options.message ?? "input.date" }).default(null as never);
}

/** A whole number written in digits, within [min, max] (never NaN, Infinity, 1e309 or 0x10). */
export function int({ min, max, message = `input.range:${min}–${max}` }: Message & { min: number; max: number }) {
  return z
    .string({ error: message })
    .trim()
    .refine((v) => /^-?\d{1,15}$/.test(v) && Number(v) >= min && Number(v) <= max, message)
    .transform(Number);
}

/** A whole number that may be left empty. */
export function optionalInt(options: Message & { min: number; max: number }) {
  return z.union([z.literal("").transform(() => null), int(options)], { error: options.message ?? `input.range:${options.min}–${options.max}` }).default(null as never);
}

/**
 * A decimal number as people write it ("1,5" or "1.5"), with at most `scale` decimals, within [min, max].
 * Returned as a number of the given scale's exact value (e.g. 1.5), never from a float the person did not type.
 */
export function decimal({ min, max, scale = 2, message = `input.range:${min}–${max}` }: Message & { min: number; max: number; scale?: number }) {
  const pattern = new RegExp(`^\\d{1,9}([.,]\\d{1,${scale}})?$`);
  return z
    .string({ error: message })
    .trim()
    .refine((v) => pattern.test(v) && Number(v.replace(",", ".")) >= min && Number(v.replace(",", ".")) <= max, message)
    .transform((v) => Number(v.replace(",", ".")));
}

/** An amount in złoty as people type it ("150", "150,50", "1 234,56 zł"), as integer grosze; empty is 0. */
export function money({ message = "input.money" }: Message = {}) {
  return z
    .string({ error: message })
    .default("")
    .transform((v, ctx) => {
      const grosze = parsePlnToGrosze(v.trim() === "" ? "0" : v);
      if (grosze === null) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return grosze;
    });
}

/** A month as a month field sends it ("2026-03"), or a day in it, as its first day ("2026-03-01"). */
export function month({ message = "input.month" }: Message = {}) {
  return z
    .string({ error: message })
    .trim()
    .refine((v) => /^\d{4}-\d{2}(-\d{2})?$/.test(v) && isCalendarDate(`${v.slice(0, 7)}-01`) && v.slice(0, 7) >= EARLIEST_DATE.slice(0, 7) && v.slice(0, 7) <= LATEST_DATE.slice(0, 7), message)
    .transform((v) => `${v.slice(0, 7)}-01`);
}

/** A percentage as people type it ("15", "12,5"), 0–100, as basis points (1500 = 15 %); empty is null. */
export function percent({ message = "input.percent" }: Message = {}) {
  return z
    .string({ error: message })
    .trim()
    .default("")
    .refine((v) => v === "" || (/^\d{1,3}([.,]\d{1,2})?$/.test(v) && Number(v.replace(",", ".")) <= 100), message)
    .transform((v) => {
      if (v === "") return null;
      const [whole, fraction = ""] = v.split(/[.,]/);
      return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
    });
}

/** One of a fixed list. */
export function choice<const T extends readonly [string, ...string[]]>(values: T, { message = "input.choice" }: Message = {}) {
  return z.enum(values, { error: message });
}

/** A checkbox: sent as "on" when ticked, absent when not. */
export function checkbox() {
  return z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "true" || v === "1");
}

/** "HH:MM" on a 24-hour clock (24:00 allowed as the end of a day). */
export function time({ message = "input.time" }: Message = {}) {
  return z
    .string({ error: message })
    .trim()
    .refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v) || v === "24:00", message);
}

export function email({ message = "signIn.emailInvalid" }: Message = {}) {
  return z.string({ error: message }).trim().min(1, "signIn.emailRequired").max(254, message).pipe(z.email(message));
}

/** A field sent several times (checkboxes sharing a name): always an array. */
export function many<T extends z.ZodType>(item: T, { max = 100 }: { max?: number } = {}) {
  return z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(max, `input.tooMany:${max}`));
}

/** A secret token from a link (reset, invitation, feed): URL-safe characters only. */
export function token() {
  return z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);
}

/** A page number for paged lists; anything else is the first page. */
export function page() {
  return int({ min: 1, max: 100_000 }).catch(1).default(1);
}

/**
 * A rule across fields (an end after its start, a period of 3–12 months): runs only when every field parsed,
 * so it never sees an empty or impossible value.
 */
export function crossCheck<T extends z.ZodType>(schema: T, check: (value: z.output<T>, ctx: z.RefinementCtx<z.output<T>>) => void) {
  return schema.superRefine(check, { when: (payload) => payload.issues.length === 0 });
}

/** An action's fields without the `intent` that chose it, as a module takes them. */
export function withoutIntent<T extends { intent: string }>(action: T): Omit<T, "intent"> {
  const { intent: _intent, ...fields } = action;
  return fields;
}

/** An action form: one object per intent, told apart by the `intent` field. */
export function intents<const T extends readonly [z.ZodObject, ...z.ZodObject[]]>(options: T) {
  return z.discriminatedUnion("intent", options, { error: "input.unknownAction" });
}

/** A Polish bank account number (NRB: 26 digits, with or without "PL" and spaces), checked mod 97; the 26 digits. */
export function nrb({ message = "input.nrb" }: Message = {}) {
  return z
    .string({ error: message })
    .transform((v) => v.replace(/[\s-]/g, "").toUpperCase().replace(/^PL/, ""))
    .refine((v) => isValidNrb(v), message);
}
