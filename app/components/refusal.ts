import { useActionData } from "@remix-run/react";
import { isRefusal, type Refusal } from "~/modules/kernel/refusal";
import type { T } from "~/utils/i18n";
import { useT } from "~/utils/i18n-react";

/**
 * A refusal's message in the reader's language: "key", or "key:limit" for one naming a limit
 * ("input.tooLong:200", "reset.tooShort:10"); the limit fills the message's {{max}} or {{min}}.
 */
export function errorText(t: T, raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const at = raw.indexOf(":");
  if (at < 0) return t(raw as "errors.unexpected");
  const limit = raw.slice(at + 1);
  return t(raw.slice(0, at) as "input.tooLong", { max: limit, min: limit });
}

/**
 * The page's side of the boundary: the refusal the last action answered (if any), and for one form its
 * message per field and what was typed, so the form comes back as the person left it.
 */
export function useRefusal() {
  const answer = useActionData<unknown>();
  const t = useT();
  const refusal: Refusal | undefined = isRefusal(answer) ? answer : undefined;
  const of = (form: string) => (refusal?.form === form ? refusal : undefined);
  return {
    refusal,
    of,
    error: (form: string, field: string) => errorText(t, of(form)?.errors[field]),
    value: (form: string, field: string, fallback = ""): string => {
      const v = of(form)?.values[field];
      return (Array.isArray(v) ? v[0] : v) ?? fallback;
    },
    list: (form: string, field: string, fallback: string[] = []): string[] => {
      const v = of(form)?.values[field];
      return v === undefined ? (of(form) ? [] : fallback) : [v].flat();
    },
    /** How many fields of the form need attention (for the summary at the top). */
    count: (form: string) => Object.keys(of(form)?.errors ?? {}).length,
  };
}
