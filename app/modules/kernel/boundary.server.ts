import { data } from "@remix-run/node";
import { z } from "zod";
import { BODY_LIMIT_BYTES } from "~/utils/http-security";
import type { Refusal, Values } from "./refusal";

export type { Refusal, Values };

/*
 * The one way a request's input reaches the portal: route params, query strings and form bodies are read here
 * and parsed by a zod schema written with the words in ./input. What does not parse is answered here too:
 * a bad id in the URL is 404, a body that is not a form is 400, a body over the limit is 413, and a form with
 * mistakes comes back to its page with a message next to each field and everything typed kept.
 */

/*
 * A schema that names no message of its own still answers in the portal's words: every zod issue becomes an
 * i18n key ("input.required", "input.tooLong:200" …), never zod's English sentence.
 */
z.config({
  customError: (issue) => {
    switch (issue.code) {
      case "too_big":
        return issue.origin === "string" ? `input.tooLong:${String(issue.maximum)}` : issue.origin === "array" ? `input.tooMany:${String(issue.maximum)}` : `input.range:–${String(issue.maximum)}`;
      case "too_small":
        return issue.origin === "number" ? `input.range:${String(issue.minimum)}–` : "input.required";
      case "invalid_value":
      case "invalid_union":
        return "input.choice";
      case "invalid_type":
        return issue.input === undefined ? "input.required" : "input.text";
      default:
        return "input.text";
    }
  },
});

/** Forms are small; nothing the portal takes in is near this (server.ts refuses a larger declared length too). */
export const FORM_BODY_LIMIT_BYTES = BODY_LIMIT_BYTES;

export type RawInput = Record<string, string | string[]>;
export type FieldErrors = Record<string, string>;
export type Parsed<T> = { ok: true; data: T; values: Values } | { ok: false; errors: FieldErrors; values: Values };


/** Fields never echoed back to the page. */
const SECRET = /password|confirm/i;

function plainResponse(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export const BODY_TOO_LARGE = "Formularz jest za duży. / The form is too large.";
export const NOT_A_FORM = "To nie jest formularz. / The request body is not a form.";

/** Reads the body, counting bytes as they arrive, so an endless body is cut off at the limit. */
async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw plainResponse(413, BODY_TOO_LARGE);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw plainResponse(400, NOT_A_FORM);
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw plainResponse(413, BODY_TOO_LARGE);
    }
    chunks.push(chunk.value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

/** The exact bytes of a body as text, for a signed webhook verified on its raw body; cut off at the limit. */
export async function readRawBody(request: Request, limit = FORM_BODY_LIMIT_BYTES): Promise<string> {
  return new TextDecoder().decode(await readBody(request, limit));
}

function collect(entries: Iterable<[string, FormDataEntryValue]>, raw: RawInput, files: Set<string>) {
  for (const [key, value] of entries) {
    if (typeof value !== "string") {
      files.add(key);
      continue;
    }
    const previous = raw[key];
    raw[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
}

/** The form fields of a POST: urlencoded or multipart, nothing else. */
async function readFormFields(request: Request): Promise<{ raw: RawInput; files: Set<string> }> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const urlencoded = type.startsWith("application/x-www-form-urlencoded");
  const multipart = type.startsWith("multipart/form-data");
  if (!urlencoded && !multipart) throw plainResponse(400, NOT_A_FORM);
  const body = await readBody(request, FORM_BODY_LIMIT_BYTES);
  const raw: RawInput = {};
  const files = new Set<string>();
  if (urlencoded) {
    collect(new URLSearchParams(new TextDecoder().decode(body)), raw, files);
    return { raw, files };
  }
  let formData: FormData;
  try {
    formData = await new Response(body as BodyInit, { headers: { "Content-Type": type } }).formData();
  } catch {
    throw plainResponse(400, NOT_A_FORM);
  }
  collect(formData, raw, files);
  return { raw, files };
}

/** First message per field; a wrong or missing intent is a message for the whole form. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    errors[key === "intent" ? "form" : key] ??= issue.message;
  }
  return errors;
}

function echo(raw: RawInput): Values {
  const values: Values = {};
  const clean = (v: string) => v.replaceAll("\u0000", "").slice(0, 10_000);
  for (const [key, value] of Object.entries(raw)) {
    if (SECRET.test(key)) continue;
    values[key] = Array.isArray(value) ? value.slice(0, 100).map(clean) : clean(value);
  }
  return values;
}

/**
 * Parses raw fields with a schema. A value holding a NUL byte (which PostgreSQL cannot store as text) is
 * refused with a message on its field, as is a file where the portal expects text; the schema still checks
 * the rest, so every mistake is shown at once.
 */
export function parseInput<S extends z.ZodType>(raw: RawInput, schema: S, files: Set<string> = new Set()): Parsed<z.output<S>> {
  const errors: FieldErrors = {};
  const clean: RawInput = {};
  for (const [key, value] of Object.entries(raw)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => v.includes("\u0000"))) errors[key] = "input.nul";
    clean[key] = Array.isArray(value) ? value.map((v) => v.replaceAll("\u0000", "")) : value.replaceAll("\u0000", "");
  }
  for (const key of files) errors[key] = "input.file";
  const values = echo(raw);
  const result = schema.safeParse(clean);
  if (!result.success) return { ok: false, errors: { ...fieldErrors(result.error), ...errors }, values };
  if (Object.keys(errors).length) return { ok: false, errors, values };
  return { ok: true, data: result.data as z.output<S>, values };
}

/** The form of a POST, parsed. Throws 400 for a body that is not a form and 413 for one over the limit. */
export async function readForm<S extends z.ZodType>(request: Request, schema: S): Promise<Parsed<z.output<S>>> {
  const { raw, files } = await readFormFields(request);
  return parseInput(raw, schema, files);
}

/**
 * The query string, parsed. A parameter that does not parse is dropped (its default applies: "not filtered",
 * "this week", "the first page") and named in `errors`, for a page that wants to say so next to its filter.
 * A query that cannot stand without the parameter is 400.
 */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): { data: z.output<S>; errors: FieldErrors; values: Values } {
  const raw: RawInput = {};
  collect(new URL(request.url).searchParams, raw, new Set());
  const first = parseInput(raw, schema);
  if (first.ok) return { data: first.data, errors: {}, values: first.values };
  const kept = Object.fromEntries(Object.entries(raw).filter(([key]) => !Object.keys(first.errors).some((bad) => bad === key || bad.startsWith(`${key}.`))));
  const second = parseInput(kept, schema);
  if (!second.ok) throw plainResponse(400, "Nieprawidłowe parametry adresu. / Invalid query parameters.");
  return { data: second.data, errors: first.errors, values: first.values };
}

/** Route params, parsed; anything malformed is "not found". */
export function readParams<S extends z.ZodType>(params: Record<string, string | undefined>, schema: S): z.output<S> {
  const result = schema.safeParse(params);
  if (!result.success) throw notFound();
  return result.data as z.output<S>;
}

export function notFound(): Response {
  return plainResponse(404, "Nie znaleziono. / Not found.");
}

export function forbidden(): Response {
  return plainResponse(403, "Brak dostępu. / Forbidden.");
}

/**
 * An action's refusal: back to the page, messages next to the fields of `form`, everything typed kept.
 * `details` carries what the page needs to explain it (e.g. the possible duplicates it found).
 */
export function refuse<D extends object = object>(form: string, errors: FieldErrors, values: Values, status: 400 | 409 | 422 | 429 = 400, details?: D) {
  return data<Refusal & Partial<D>>({ ...(details as D), ok: false, form, errors, values }, { status });
}

/** A form that did not parse, refused. */
export function refuseInput(parsed: { errors: FieldErrors; values: Values }, form = "form") {
  return refuse(form, parsed.errors, parsed.values, 400);
}

/**
 * Where to go after signing in or switching language: only a path on this site. The value is resolved
 * against the request's own origin and kept only if it stays there, so "/\t/evil.example", "//evil.example"
 * or "https://evil.example" all fall back.
 */
export function sameOriginPath(value: unknown, requestUrl: string, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  try {
    const origin = new URL(requestUrl).origin;
    const target = new URL(value, origin);
    if (target.origin !== origin) return fallback;
    return target.pathname + target.search + target.hash;
  } catch {
    return fallback;
  }
}
