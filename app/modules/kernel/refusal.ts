/** What an action answers when it refuses: which form, the message per field ("form" for the whole), what was typed. */
export type Refusal = { ok: false; form: string; errors: Record<string, string>; values: Values };

/** What was typed, as sent: a field sent several times (checkboxes) is a list. */
export type Values = Record<string, string | string[]>;

export function isRefusal(value: unknown): value is Refusal {
  return !!value && typeof value === "object" && (value as { ok?: unknown }).ok === false && "errors" in value && "form" in value;
}
