/*
 * The ledger's accounts, named as DESIGN.md names them. An account is a string "<kind>:<whose>"; a balance is the
 * sum of its lines (debits positive, credits negative). Only this file spells the names.
 */
export const accounts = {
  /** Co-payments accrued for a resident's delivered visits, not yet on a statement. */
  residentUnbilled: (residentId: string) => `resident_unbilled:${residentId}`,
  /** What a resident (the payer) owes on issued statements. */
  residentReceivable: (residentId: string) => `resident_receivable:${residentId}`,
  /** Statement totals under Stripe's minimum, carried to the payer's next statement. */
  residentCarried: (residentId: string) => `resident_carried:${residentId}`,
  /** Overpayments held for a resident, taken off the next statement. */
  residentCredit: (residentId: string) => `resident_credit:${residentId}`,
  /** The gmina's co-payment income (named by the gmina's TERYT code, or "cus" when the centre has none recorded). */
  copayIncome: (gmina: string) => `copay_income:${gmina}`,
  /** Co-payments the centre gave up (waivers, and amounts under Stripe's minimum it decided not to collect). */
  copayWaived: (gmina: string) => `copay_waived:${gmina}`,
  /** What the centre owes a provider for delivered units, until it is paid. */
  providerPayable: (providerId: string) => `provider_payable:${providerId}`,
  /** The cost of delivered units borne by a funding source, by the co-payments, or by nobody yet ("unfunded"). */
  fundingExpense: (source: string) => `funding_expense:${source}`,
  stripeBalance: "stripe:balance",
  cashDesk: "cash:desk",
  bankTreasury: "bank:treasury",
} as const;

export type JournalKind = "charge" | "charge_correction" | "statement_issued" | "carry_over" | "payment" | "refund" | "cash_payout" | "waiver" | "service_accrual" | "settlement_payment";
