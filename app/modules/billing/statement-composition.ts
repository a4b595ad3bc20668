import { collectOrCarry } from "./copay-engine";

/*
 * What goes on one payer's statement for a month, decided without the database: the month's charges and
 * corrections (of everyone the payer pays for), what was carried from earlier months, and credit from
 * overpayments. Pure, so the table of cases in tests/unit/copay-rules.test.ts covers it.
 */

export type UnbilledCharge = { id: string; payerId: string; residentId: string; kind: "charge" | "correction"; description: string; serviceDate: string; unitsHundredths: number; amountGrosze: number; explanation: string };

export type ComposedLine = { kind: "charge" | "correction" | "carried" | "credit"; chargeId: string | null; description: string; serviceDate: string | null; unitsHundredths: number | null; amountGrosze: number; explanation: string | null };

export type ComposedStatement = {
  payerId: string;
  lines: ComposedLine[];
  /** The sum of the lines: what the statement asks for (never below zero: the rest stays as credit). */
  totalGrosze: number;
  /** Credit used by this statement, and credit left for the next one. */
  creditUsedGrosze: number;
  creditLeftGrosze: number;
  /** collect: asked for now; carry: under Stripe's minimum, moved to the next statement; nothing: owes nothing. */
  outcome: "collect" | "carry" | "nothing";
};

/** Charges grouped by who pays them (a family plan's charges all go to its holder). */
export function byPayer(charges: readonly UnbilledCharge[]): Map<string, UnbilledCharge[]> {
  const groups = new Map<string, UnbilledCharge[]>();
  for (const c of charges) {
    const list = groups.get(c.payerId) ?? [];
    list.push(c);
    groups.set(c.payerId, list);
  }
  return groups;
}

export function composeStatement(input: { payerId: string; charges: readonly UnbilledCharge[]; carriedGrosze: number; carriedFrom: string | null; creditGrosze: number }): ComposedStatement {
  const sorted = [...input.charges].sort((a, b) => a.serviceDate.localeCompare(b.serviceDate) || a.description.localeCompare(b.description));
  const lines: ComposedLine[] = sorted.map((c) => ({ kind: c.kind, chargeId: c.id, description: c.description, serviceDate: c.serviceDate, unitsHundredths: c.unitsHundredths, amountGrosze: c.amountGrosze, explanation: c.explanation }));
  if (input.carriedGrosze !== 0) lines.unshift({ kind: "carried", chargeId: null, description: input.carriedFrom ?? "", serviceDate: null, unitsHundredths: null, amountGrosze: input.carriedGrosze, explanation: null });
  const gross = lines.reduce((sum, l) => sum + l.amountGrosze, 0);
  // A negative month (corrections larger than charges) becomes credit; credit pays what it can.
  const creditAvailable = input.creditGrosze + Math.max(0, -gross);
  const owed = Math.max(0, gross);
  const creditUsed = Math.min(creditAvailable, owed);
  if (creditUsed > 0) lines.push({ kind: "credit", chargeId: null, description: "", serviceDate: null, unitsHundredths: null, amountGrosze: -creditUsed, explanation: null });
  const total = owed - creditUsed;
  return { payerId: input.payerId, lines, totalGrosze: total, creditUsedGrosze: creditUsed, creditLeftGrosze: creditAvailable - creditUsed, outcome: collectOrCarry(total) };
}
