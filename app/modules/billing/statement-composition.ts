import { collectOrCarry } from "./copay-engine";

/*
 * The money decisions of one payer's statement for a month, without the database: the month's charges and
 * corrections (of everyone the payer pays for) summed, what was carried from earlier months, and credit from
 * overpayments. Pure, so the table of cases in tests/unit/copay-rules.test.ts covers it; the lines themselves
 * are the charges, copied by the database.
 */

export type ComposedStatement = {
  /** The sum of the month's charges and corrections (may be negative after corrections). */
  chargesGrosze: number;
  carriedGrosze: number;
  /** What the statement asks for (never below zero: the rest stays as credit). */
  totalGrosze: number;
  /** Credit used by this statement, and credit left for the next one. */
  creditUsedGrosze: number;
  creditLeftGrosze: number;
  /** collect: asked for now; carry: under Stripe's minimum, moved to the next statement; nothing: owes nothing. */
  outcome: "collect" | "carry" | "nothing";
};

export function composeStatement(input: { chargesGrosze: number; carriedGrosze: number; creditGrosze: number }): ComposedStatement {
  const gross = input.chargesGrosze + input.carriedGrosze;
  // A negative month (corrections larger than charges) becomes credit; credit pays what it can.
  const creditAvailable = input.creditGrosze + Math.max(0, -gross);
  const owed = Math.max(0, gross);
  const creditUsed = Math.min(creditAvailable, owed);
  const total = owed - creditUsed;
  return { chargesGrosze: input.chargesGrosze, carriedGrosze: input.carriedGrosze, totalGrosze: total, creditUsedGrosze: creditUsed, creditLeftGrosze: creditAvailable - creditUsed, outcome: collectOrCarry(total) };
}

/** The journal lines of a statement: from unbilled (and carried) to what the payer owes, or on to the next month. */
export function statementEntryLines(s: ComposedStatement, accounts: { unbilled: string; carried: string; credit: string; receivable: string }) {
  const gross = s.chargesGrosze + s.carriedGrosze;
  return [
    { account: accounts.unbilled, amountGrosze: -s.chargesGrosze },
    { account: accounts.carried, amountGrosze: -s.carriedGrosze },
    { account: accounts.credit, amountGrosze: s.creditUsedGrosze - Math.max(0, -gross) },
    { account: s.outcome === "carry" ? accounts.carried : accounts.receivable, amountGrosze: s.totalGrosze },
  ];
}
