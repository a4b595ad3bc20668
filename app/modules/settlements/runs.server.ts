import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { billingSettings, contracts, fundingAllocations, offerRevisions, offers, providerOrganisations, providerPayoutAccounts, providerStatementLines, providerStatements, serviceAccruals, settlementRuns } from "@db/schema";
import { mulDivRound } from "~/modules/billing/copay-engine";
import { apportion } from "~/modules/funding/allocation";
import type { Actor } from "~/modules/kernel/actor";
import { recordAudit } from "~/modules/kernel/audit.server";
import { addMonths, warsawDate } from "~/modules/kernel/dates";
import { isUuid } from "~/modules/kernel/ids";
import { rowsOf } from "~/modules/kernel/rows.server";
import { accounts } from "~/modules/ledger/accounts";
import { postJournalEntry } from "~/modules/ledger/journal.server";
import { enqueue, type OutboxHandler } from "~/modules/notifications/outbox.server";
import { stripe } from "~/modules/stripe/client.server";
import { accrueDeliveries } from "./accruals.server";
import { bankPaymentsCsv, elixirOFile, type BankPayment } from "./bank-file";

/*
 * Settlement runs: finance opens one for a month. Every accrual not yet on a statement, up to the month's end,
 * lands on its provider's statement — the month's deliveries as they are, anything earlier (confirmed late,
 * corrected) as an adjustment, so a month already settled is never rewritten. The provider accepts or disputes
 * lines and gives its invoice; finance resolves disputes; a second person approves (four-eyes); each approved
 * statement is paid by one Stripe transfer through the outbox (key settlement:<run>:<provider>, the run as
 * transfer_group), or by a line of the bank payment file, and the ledger moves provider_payable to the account
 * the money left from.
 */

export type RunRefusal = "not_found" | "future_month" | "four_eyes" | "nothing_to_approve" | "not_draft";

/**
 * Opens the month's run (or brings an open one up to date): accrues whatever was delivered and not yet accrued,
 * then puts every unsettled accrual of the month and before on its provider's draft statement. A provider whose
 * statement was already sent gets the rest next month.
 */
export async function openSettlementRun(input: { cusId: string; month: string; actor: Actor; now: Date }, db: Database = getDb()): Promise<{ ok: true; runId: string } | { ok: false; reason: RunRefusal }> {
  if (input.month > `${warsawDate(input.now).slice(0, 7)}-01`) return { ok: false, reason: "future_month" };
  const next = addMonths(input.month, 1);
  return db.transaction(async (tx) => {
    const accrued = await accrueDeliveries(tx, { cusId: input.cusId, before: next }, input.actor.userId, input.now);
    // Thousands of rows written in this transaction: let the planner know before statements are built from them.
    if (accrued.accrued > 1_000) await tx.execute(sql`analyze service_accruals`);
    await tx.insert(settlementRuns).values({ cusId: input.cusId, month: input.month, preparedBy: input.actor.userId!, preparedAt: input.now }).onConflictDoNothing();
    const [run] = await tx.select().from(settlementRuns).where(and(eq(settlementRuns.cusId, input.cusId), eq(settlementRuns.month, input.month)));
    await collect(tx, run!, next, input.actor.userId!);
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "settlement.run_prepared", entityType: "settlement_run", entityId: run!.id, after: { month: input.month } });
    return { ok: true as const, runId: run!.id };
  });
}

async function collect(tx: Database, run: typeof settlementRuns.$inferSelect, next: string, preparedBy: string) {
  const y = run.month.slice(0, 4);
  const m = run.month.slice(5, 7);
  // A draft statement for every provider with something to settle (numbered in the run: ROZ/yyyy/mm/nnnn).
  await tx.execute(sql`
    insert into provider_statements (id, run_id, cus_id, provider_id, reference, status, total_grosze, prepared_by)
    select gen_random_uuid(), ${run.id}, ${run.cusId}, p.provider_id,
      'ROZ/' || ${y} || '/' || ${m} || '/' || lpad((coalesce((select count(*) from provider_statements s where s.run_id = ${run.id}), 0) + row_number() over (order by p.provider_id))::text, 4, '0'),
      'draft', 0, ${preparedBy}
    from (select distinct a.provider_id from service_accruals a
          where a.cus_id = ${run.cusId} and a.statement_line_id is null and not a.no_contract and a.service_date < ${next}::date) p
    where not exists (select 1 from provider_statements s where s.run_id = ${run.id} and s.provider_id = p.provider_id)`);
  // The statements were just written: without their count the planner loops over them once per accrual.
  await tx.execute(sql`analyze provider_statements`);
  // Lines: one per contract × offer × tariff × month of service × kind, on drafts only (a sent statement is frozen).
  // A line's id is a hash of that key, so bringing a draft up to date adds to its lines, and each accrual is
  // pointed at its line by the same expression — no join of a month's accruals against the lines.
  const kind = sql`case when a.kind = 'dispute_resolution' then 'dispute_resolution' when a.kind = 'correction' then 'correction' when a.service_date < ${run.month}::date then 'late' else 'delivered' end`;
  const serviceMonth = sql`date_trunc('month', a.service_date)::date`;
  const lineId = sql`md5(concat_ws('|', s.id, a.contract_id, a.offer_id, a.unit_price_grosze, ${serviceMonth}, ${kind}))::uuid`;
  const unsettled = sql`s.run_id = ${run.id} and s.provider_id = a.provider_id and s.status = 'draft'
    and a.cus_id = ${run.cusId} and a.statement_line_id is null and not a.no_contract and a.service_date < ${next}::date`;
  await tx.execute(sql`
    with upserted as (
      insert into provider_statement_lines (id, statement_id, contract_id, offer_id, kind, service_month, unit_price_grosze, units_hundredths, amount_grosze, visits)
      select ${lineId}, s.id, a.contract_id, a.offer_id, ${kind}, ${serviceMonth}, a.unit_price_grosze, sum(a.units_hundredths)::int, sum(a.amount_grosze)::int, count(distinct a.booking_id)::int
      from service_accruals a join provider_statements s on ${unsettled}
      group by 1, 2, 3, 4, 5, 6, 7
      on conflict (id) do update set units_hundredths = provider_statement_lines.units_hundredths + excluded.units_hundredths,
        amount_grosze = provider_statement_lines.amount_grosze + excluded.amount_grosze, visits = provider_statement_lines.visits + excluded.visits
      returning statement_id
    )
    update provider_statements set prepared_by = ${preparedBy} where id in (select statement_id from upserted)`);
  await tx.execute(sql`update service_accruals a set statement_line_id = ${lineId} from provider_statements s where ${unsettled}`);
  await refreshTotals(tx, run.id);
}

async function refreshTotals(tx: Database, runId: string) {
  await tx.execute(sql`update provider_statements s set total_grosze = coalesce((select sum(l.amount_grosze) from provider_statement_lines l where l.statement_id = s.id), 0) where s.run_id = ${runId} and s.status in ('draft', 'sent', 'disputed', 'accepted')`);
}

/** Sends the run's draft statements to their providers (they see them from now on and answer them). */
export async function sendRun(input: { cusId: string; runId: string; actor: Actor; now: Date }, db: Database = getDb()) {
  if (!isUuid(input.runId)) return { ok: false as const, reason: "not_found" as const };
  return db.transaction(async (tx) => {
    const [run] = await tx.select().from(settlementRuns).where(and(eq(settlementRuns.id, input.runId), eq(settlementRuns.cusId, input.cusId)));
    if (!run) return { ok: false as const, reason: "not_found" as const };
    const sent = await tx.update(providerStatements).set({ status: "sent", sentAt: input.now }).where(and(eq(providerStatements.runId, run.id), eq(providerStatements.status, "draft"))).returning({ id: providerStatements.id });
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "settlement.run_sent", entityType: "settlement_run", entityId: run.id, after: { statements: sent.length } });
    return { ok: true as const, sent: sent.length };
  });
}

export type StatementAnswer = { lines: { lineId: string; answer: "accepted" | "disputed"; reason: string | null }[]; invoiceNumber: string; ksefNumber: string | null; invoiceDate: string };
export type AnswerRefusal = "not_found" | "not_open" | "invoice_date" | "reason_required" | "lines";

/** The provider's answer to its statement: each line accepted or disputed with a reason, and its invoice. */
export async function answerStatement(input: { statementId: string; providerId: string; answer: StatementAnswer; actor: Actor; now: Date }, db: Database = getDb()): Promise<{ ok: true; status: "accepted" | "disputed" } | { ok: false; reason: AnswerRefusal }> {
  if (!isUuid(input.statementId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const [statement] = await tx.select({ s: providerStatements, month: settlementRuns.month }).from(providerStatements).innerJoin(settlementRuns, eq(settlementRuns.id, providerStatements.runId)).where(and(eq(providerStatements.id, input.statementId), eq(providerStatements.providerId, input.providerId))).for("update", { of: providerStatements });
    if (!statement) return { ok: false as const, reason: "not_found" as const };
    if (statement.s.status !== "sent") return { ok: false as const, reason: "not_open" as const };
    if (input.answer.invoiceDate < statement.month) return { ok: false as const, reason: "invoice_date" as const };
    const lines = await tx.select().from(providerStatementLines).where(eq(providerStatementLines.statementId, statement.s.id));
    const answers = new Map(input.answer.lines.map((l) => [l.lineId, l]));
    if (lines.some((l) => !answers.has(l.id)) || answers.size !== lines.length) return { ok: false as const, reason: "lines" as const };
    if ([...answers.values()].some((a) => a.answer === "disputed" && !a.reason?.trim())) return { ok: false as const, reason: "reason_required" as const };
    for (const line of lines) {
      const a = answers.get(line.id)!;
      await tx.update(providerStatementLines).set({ answer: a.answer, disputeReason: a.answer === "disputed" ? a.reason!.trim() : null }).where(eq(providerStatementLines.id, line.id));
    }
    const status = [...answers.values()].some((a) => a.answer === "disputed") ? ("disputed" as const) : ("accepted" as const);
    await tx
      .update(providerStatements)
      .set({ status, invoiceNumber: input.answer.invoiceNumber, ksefNumber: input.answer.ksefNumber, invoiceDate: input.answer.invoiceDate, answeredBy: input.actor.userId, answeredAt: input.now })
      .where(eq(providerStatements.id, statement.s.id));
    await recordAudit(tx, input.actor, { cusId: statement.s.cusId, action: `settlement.statement_${status}`, entityType: "provider_statement", entityId: statement.s.id, after: { invoiceNumber: input.answer.invoiceNumber, ksefNumber: input.answer.ksefNumber, invoiceDate: input.answer.invoiceDate, disputed: input.answer.lines.filter((l) => l.answer === "disputed").map((l) => ({ lineId: l.lineId, reason: l.reason })) } });
    return { ok: true as const, status };
  });
}

/**
 * Finance resolves a disputed line: it stands, or its units are corrected. A correction is a new accrual for the
 * difference (allocated in the proportions the line was, posted to the ledger) on a new line of the same
 * statement — the disputed line itself is never edited.
 */
export async function resolveDispute(input: { cusId: string; lineId: string; resolution: "stands" | "corrected"; correctedUnitsHundredths: number | null; note: string; actor: Actor; now: Date }, db: Database = getDb()): Promise<{ ok: true } | { ok: false; reason: "not_found" | "not_disputed" | "units" }> {
  if (!isUuid(input.lineId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ line: providerStatementLines, statement: providerStatements })
      .from(providerStatementLines)
      .innerJoin(providerStatements, eq(providerStatements.id, providerStatementLines.statementId))
      .where(and(eq(providerStatementLines.id, input.lineId), eq(providerStatements.cusId, input.cusId)))
      .for("update", { of: providerStatements });
    if (!found) return { ok: false as const, reason: "not_found" as const };
    const { line, statement } = found;
    if (statement.status !== "disputed" || line.answer !== "disputed" || line.resolution) return { ok: false as const, reason: "not_disputed" as const };
    if (input.resolution === "corrected" && (input.correctedUnitsHundredths === null || input.correctedUnitsHundredths < 0 || input.correctedUnitsHundredths === line.unitsHundredths)) return { ok: false as const, reason: "units" as const };
    if (input.resolution === "corrected") {
      const unitsDelta = input.correctedUnitsHundredths! - line.unitsHundredths;
      const amountDelta = Math.sign(unitsDelta) * mulDivRound(line.unitPriceGrosze, Math.abs(unitsDelta), 100);
      const accrualId = randomUUID();
      await tx.insert(serviceAccruals).values({ id: accrualId, cusId: input.cusId, providerId: statement.providerId, bookingId: null, offerId: line.offerId, contractId: line.contractId, kind: "dispute_resolution", serviceDate: line.serviceMonth, unitsHundredths: unitsDelta, unitPriceGrosze: line.unitPriceGrosze, amountGrosze: amountDelta, recordedBy: input.actor.userId, createdAt: input.now });
      // The difference is borne by the line's payers in the proportions they bore the line.
      const parts = await rowsOf<{ part: "copayment" | "source" | "unfunded"; sourceId: string | null; amount: number }>(
        tx,
        sql`select f.part, f.source_id as "sourceId", sum(f.amount_grosze)::int as amount from funding_allocations f join service_accruals a on a.id = f.accrual_id where a.statement_line_id = ${line.id} group by 1, 2 having sum(f.amount_grosze) > 0 order by 1, 2`,
      );
      const weights = parts.length ? parts.map((p) => p.amount) : [1];
      const payers = parts.length ? parts : [{ part: "unfunded" as const, sourceId: null, amount: 1 }];
      const shares = apportion(Math.abs(amountDelta), weights).map((x) => Math.sign(amountDelta) * x);
      await tx.insert(fundingAllocations).values(payers.map((p, i) => ({ accrualId, cusId: input.cusId, contractId: line.contractId, part: p.part, sourceId: p.sourceId, serviceDate: line.serviceMonth, amountGrosze: shares[i]! })).filter((r) => r.amountGrosze !== 0));
      await postJournalEntry(tx, {
        cusId: input.cusId,
        kind: "service_accrual",
        sourceKey: `service_accrual:dispute:${accrualId}`,
        memo: `Rozstrzygnięcie reklamacji ${statement.reference}`,
        occurredAt: input.now,
        recordedBy: input.actor.userId,
        lines: [...payers.map((p, i) => ({ account: accounts.fundingExpense(p.sourceId ?? p.part), amountGrosze: shares[i]! })), { account: accounts.providerPayable(statement.providerId), amountGrosze: -amountDelta }],
      });
      const [added] = await tx
        .insert(providerStatementLines)
        .values({ statementId: statement.id, contractId: line.contractId, offerId: line.offerId, kind: "dispute_resolution", serviceMonth: line.serviceMonth, unitPriceGrosze: line.unitPriceGrosze, unitsHundredths: unitsDelta, amountGrosze: amountDelta, visits: 0, answer: "accepted" })
        .returning({ id: providerStatementLines.id });
      await tx.update(serviceAccruals).set({ statementLineId: added!.id }).where(eq(serviceAccruals.id, accrualId));
    }
    await tx.update(providerStatementLines).set({ resolution: input.resolution, resolutionNote: input.note, resolvedBy: input.actor.userId, resolvedAt: input.now }).where(eq(providerStatementLines.id, line.id));
    const [open] = await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from provider_statement_lines where statement_id = ${statement.id} and answer = 'disputed' and resolution is null`);
    if (open!.n === 0) await tx.update(providerStatements).set({ status: "accepted" }).where(eq(providerStatements.id, statement.id));
    await refreshTotals(tx, statement.runId);
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "settlement.dispute_resolved", entityType: "provider_statement", entityId: statement.id, before: { lineId: line.id, units: line.unitsHundredths }, after: { resolution: input.resolution, units: input.correctedUnitsHundredths, note: input.note } });
    return { ok: true as const };
  });
}

/** Key of a statement's transfer: the run and the provider, and the attempt once an earlier one was refused. */
export function transferKey(statement: { runId: string; providerId: string; failedAttempts: number }) {
  return `settlement:${statement.runId}:${statement.providerId}${statement.failedAttempts ? `:retry-${statement.failedAttempts}` : ""}`;
}

/**
 * Approves the run's accepted statements — never by the person who prepared the run — and sets each one's
 * payment going: a Stripe transfer through the outbox to an active Connect account, or the bank file for a
 * confirmed bank account. Approving again approves only what was accepted since; nothing is paid twice.
 */
export async function approveRun(input: { cusId: string; runId: string; actor: Actor; now: Date }, db: Database = getDb()): Promise<{ ok: true; approved: number } | { ok: false; reason: RunRefusal }> {
  if (!isUuid(input.runId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const [run] = await tx.select().from(settlementRuns).where(and(eq(settlementRuns.id, input.runId), eq(settlementRuns.cusId, input.cusId))).for("update");
    if (!run) return { ok: false as const, reason: "not_found" as const };
    const accepted = await tx.select().from(providerStatements).where(and(eq(providerStatements.runId, run.id), eq(providerStatements.status, "accepted")));
    if (accepted.length === 0) return { ok: false as const, reason: "nothing_to_approve" as const };
    // Four-eyes per statement: whoever put its lines on it (opening or refreshing the run) cannot approve it.
    const mine = accepted.filter((s) => s.preparedBy === input.actor.userId || (s.preparedBy === null && run.preparedBy === input.actor.userId));
    if (mine.length === accepted.length) return { ok: false as const, reason: "four_eyes" as const };
    const approvable = accepted.filter((s) => !mine.includes(s)).map((s) => s.id);
    const approved = await tx.update(providerStatements).set({ status: "approved", approvedBy: input.actor.userId, approvedAt: input.now }).where(inArray(providerStatements.id, approvable)).returning();
    for (const statement of approved) await startPayment(tx, statement);
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "settlement.run_approved", entityType: "settlement_run", entityId: run.id, after: { statements: approved.map((s) => s.reference), preparedBy: run.preparedBy } });
    return { ok: true as const, approved: approved.length };
  });
}

/** Chooses how an approved (or failed) statement is paid and, for Stripe, queues its transfer. */
async function startPayment(tx: Database, statement: typeof providerStatements.$inferSelect) {
  const [account] = await tx.select().from(providerPayoutAccounts).where(eq(providerPayoutAccounts.providerId, statement.providerId));
  const method = account?.stripeAccountId && account.connectStatus === "active" ? "stripe" : account?.bankNrb ? "bank" : null;
  await tx.update(providerStatements).set({ paymentMethod: method, status: "approved", failureReason: method ? null : "no_payout_account" }).where(eq(providerStatements.id, statement.id));
  if (method === "stripe") await enqueue(tx, "settlement-transfer", { statementId: statement.id }, { key: transferKey(statement), cusId: statement.cusId });
}

/** Finance tries again a statement whose payment failed (e.g. the provider finished onboarding since). */
export async function retryPayment(input: { cusId: string; statementId: string; actor: Actor }, db: Database = getDb()) {
  if (!isUuid(input.statementId)) return { ok: false as const, reason: "not_found" as const };
  return db.transaction(async (tx) => {
    const [statement] = await tx.select().from(providerStatements).where(and(eq(providerStatements.id, input.statementId), eq(providerStatements.cusId, input.cusId))).for("update");
    if (!statement || (statement.status !== "failed" && !(statement.status === "approved" && statement.paymentMethod === null))) return { ok: false as const, reason: "not_found" as const };
    await startPayment(tx, statement);
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "settlement.payment_retried", entityType: "provider_statement", entityId: statement.id });
    return { ok: true as const };
  });
}

/**
 * The "settlement-transfer" handler: one transfer per statement, the outbox key as Stripe's idempotency key, so
 * a worker that dies after Stripe answered makes the same call again and gets the same transfer back. Stripe's
 * refusal (an account that cannot receive, too little balance) fails the statement with the reason; a network
 * failure throws and the outbox tries again later under the same key.
 */
export const settlementTransferHandler: OutboxHandler = async (message, { db, now }) => {
  const { statementId } = message.payload as { statementId: string };
  const [statement] = await db.select().from(providerStatements).where(eq(providerStatements.id, statementId));
  if (!statement || statement.status !== "approved" || statement.paymentMethod !== "stripe") return;
  const [account] = await db.select().from(providerPayoutAccounts).where(eq(providerPayoutAccounts.providerId, statement.providerId));
  let transfer;
  try {
    transfer = await stripe().transfers.create(
      { amount: statement.totalGrosze, currency: "pln", destination: account!.stripeAccountId!, transfer_group: statement.runId, description: statement.reference, metadata: { statementId: statement.id, reference: statement.reference } },
      { idempotencyKey: message.key },
    );
  } catch (error) {
    const refusal = error as { type?: string; code?: string; message?: string };
    if (refusal.type !== "StripeInvalidRequestError" && refusal.type !== "StripeCardError") throw error;
    await db.update(providerStatements).set({ status: "failed", failureReason: refusal.code ?? refusal.message ?? "stripe", failedAttempts: sql`${providerStatements.failedAttempts} + 1` }).where(and(eq(providerStatements.id, statement.id), eq(providerStatements.status, "approved")));
    return;
  }
  await recordTransfer(db, statement, transfer.id, now);
};

/** A statement paid by its Stripe transfer: marked paid once, and provider_payable moved to stripe:balance. */
export async function recordTransfer(db: Database, statement: typeof providerStatements.$inferSelect, transferId: string, now: Date) {
  await db.transaction(async (tx) => {
    const paid = await tx.update(providerStatements).set({ status: "paid", stripeTransferId: transferId, paidAt: now, paidOn: warsawDate(now), failureReason: null }).where(and(eq(providerStatements.id, statement.id), eq(providerStatements.status, "approved"))).returning({ id: providerStatements.id });
    if (paid.length === 0) return;
    await postPayment(tx, statement, accounts.stripeBalance, now, null);
  });
}

async function postPayment(tx: Database, statement: typeof providerStatements.$inferSelect, from: string, now: Date, recordedBy: string | null) {
  await postJournalEntry(tx, {
    cusId: statement.cusId,
    kind: "settlement_payment",
    sourceKey: `settlement_payment:${statement.id}`,
    memo: `Wypłata ${statement.reference}`,
    occurredAt: now,
    recordedBy,
    lines: [
      { account: accounts.providerPayable(statement.providerId), amountGrosze: statement.totalGrosze },
      { account: from, amountGrosze: -statement.totalGrosze },
    ],
  });
}

/** The bank payment file of a run's approved, not yet paid statements, paid by transfer from the treasury's account. */
export async function bankFile(input: { cusId: string; runId: string; format: "csv" | "elixir"; executionDate: string }, db: Database = getDb()): Promise<{ ok: true; body: string | Buffer; count: number } | { ok: false; reason: "not_found" | "no_treasury_account" | "nothing" }> {
  if (!isUuid(input.runId)) return { ok: false, reason: "not_found" };
  const [run] = await db.select().from(settlementRuns).where(and(eq(settlementRuns.id, input.runId), eq(settlementRuns.cusId, input.cusId)));
  if (!run) return { ok: false, reason: "not_found" };
  const [settings] = await db.select().from(billingSettings).where(eq(billingSettings.cusId, input.cusId));
  if (!settings?.treasuryNrb) return { ok: false, reason: "no_treasury_account" };
  const rows = await db
    .select({ s: providerStatements, name: providerOrganisations.name, holder: providerPayoutAccounts.bankHolder, nrb: providerPayoutAccounts.bankNrb, street: providerOrganisations.street, postalCode: providerOrganisations.postalCode, city: providerOrganisations.city })
    .from(providerStatements)
    .innerJoin(providerOrganisations, eq(providerOrganisations.id, providerStatements.providerId))
    .innerJoin(providerPayoutAccounts, eq(providerPayoutAccounts.providerId, providerStatements.providerId))
    .where(and(eq(providerStatements.runId, run.id), eq(providerStatements.paymentMethod, "bank"), eq(providerStatements.status, "approved")))
    .orderBy(asc(providerStatements.reference));
  if (rows.length === 0) return { ok: false, reason: "nothing" };
  const payments: BankPayment[] = rows
    .filter((r) => r.nrb && r.s.totalGrosze > 0)
    .map((r) => ({
      amountGrosze: r.s.totalGrosze,
      payeeName: r.holder ?? r.name,
      payeeAddress: [r.street, [r.postalCode, r.city].filter(Boolean).join(" ")].filter(Boolean).join(", "),
      payeeNrb: r.nrb!,
      title: `${r.s.reference} ${r.s.invoiceNumber ? `FV ${r.s.invoiceNumber}` : ""}`.trim(),
      reference: r.s.reference,
      executionDate: input.executionDate,
    }));
  const payer = { name: settings.treasuryName ?? "", nrb: settings.treasuryNrb };
  return { ok: true, body: input.format === "csv" ? bankPaymentsCsv(payer, payments) : elixirOFile(payer, payments), count: payments.length };
}

/** Finance records that the treasury paid the run's bank statements on a day. */
export async function markBankPaid(input: { cusId: string; runId: string; paidOn: string; actor: Actor; now: Date }, db: Database = getDb()) {
  if (!isUuid(input.runId)) return { ok: false as const, reason: "not_found" as const };
  return db.transaction(async (tx) => {
    const [run] = await tx.select().from(settlementRuns).where(and(eq(settlementRuns.id, input.runId), eq(settlementRuns.cusId, input.cusId)));
    if (!run) return { ok: false as const, reason: "not_found" as const };
    // Paid no earlier than the month settled, and not in the future.
    if (input.paidOn < run.month || input.paidOn > warsawDate(input.now)) return { ok: false as const, reason: "paid_on" as const };
    const paid = await tx
      .update(providerStatements)
      .set({ status: "paid", paidOn: input.paidOn, paidAt: input.now })
      .where(and(eq(providerStatements.runId, input.runId), eq(providerStatements.cusId, input.cusId), eq(providerStatements.paymentMethod, "bank"), eq(providerStatements.status, "approved")))
      .returning();
    for (const statement of paid) await postPayment(tx, statement, accounts.bankTreasury, input.now, input.actor.userId);
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "settlement.bank_paid", entityType: "settlement_run", entityId: input.runId, after: { paidOn: input.paidOn, statements: paid.map((s) => s.reference) } });
    return { ok: true as const, paid: paid.length };
  });
}

// ——— Reading ———

export async function listRuns(cusId: string, db: Database = getDb()) {
  return rowsOf<{ id: string; month: string; statements: number; totalGrosze: number; open: number; paid: number }>(
    db,
    sql`select r.id, to_char(r.month, 'YYYY-MM-DD') as month, count(s.id)::int as statements, coalesce(sum(s.total_grosze), 0)::int as "totalGrosze",
          count(s.id) filter (where s.status not in ('paid'))::int as open, count(s.id) filter (where s.status = 'paid')::int as paid
        from settlement_runs r left join provider_statements s on s.run_id = r.id
        where r.cus_id = ${cusId} group by r.id order by r.month desc`,
  );
}

export async function getRun(cusId: string, runId: string, db: Database = getDb()) {
  if (!isUuid(runId)) return null;
  const [run] = await db.select().from(settlementRuns).where(and(eq(settlementRuns.id, runId), eq(settlementRuns.cusId, cusId)));
  if (!run) return null;
  const statements = await db
    .select({ s: providerStatements, providerName: providerOrganisations.name, nip: providerOrganisations.nip })
    .from(providerStatements)
    .innerJoin(providerOrganisations, eq(providerOrganisations.id, providerStatements.providerId))
    .where(eq(providerStatements.runId, run.id))
    .orderBy(asc(providerStatements.reference));
  return { run, statements };
}

/** A statement with its lines, for finance (any of the centre's) or the provider (only its own). */
export async function getProviderStatement(scope: { cusId: string } | { providerId: string }, statementId: string, db: Database = getDb()) {
  if (!isUuid(statementId)) return null;
  const [found] = await db
    .select({ s: providerStatements, month: settlementRuns.month, preparedBy: settlementRuns.preparedBy, providerName: providerOrganisations.name })
    .from(providerStatements)
    .innerJoin(settlementRuns, eq(settlementRuns.id, providerStatements.runId))
    .innerJoin(providerOrganisations, eq(providerOrganisations.id, providerStatements.providerId))
    .where(and(eq(providerStatements.id, statementId), "cusId" in scope ? eq(providerStatements.cusId, scope.cusId) : eq(providerStatements.providerId, scope.providerId)));
  if (!found) return null;
  // A provider sees a statement only once it is sent.
  if ("providerId" in scope && found.s.status === "draft") return null;
  const lines = await db
    .select({ line: providerStatementLines, contractNumber: contracts.number, offerName: offerRevisions.name })
    .from(providerStatementLines)
    .innerJoin(contracts, eq(contracts.id, providerStatementLines.contractId))
    .innerJoin(offers, eq(offers.id, providerStatementLines.offerId))
    .leftJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
    .where(eq(providerStatementLines.statementId, found.s.id))
    .orderBy(asc(providerStatementLines.serviceMonth), asc(contracts.number), asc(offerRevisions.name), asc(providerStatementLines.kind));
  return { ...found, lines };
}

export async function listProviderStatements(providerId: string, db: Database = getDb()) {
  return db
    .select({ s: providerStatements, month: settlementRuns.month })
    .from(providerStatements)
    .innerJoin(settlementRuns, eq(settlementRuns.id, providerStatements.runId))
    .where(and(eq(providerStatements.providerId, providerId), sql`${providerStatements.status} <> 'draft'`))
    .orderBy(desc(settlementRuns.month));
}

/** The provider's visits of a month still to record (so the statement is complete). */
export async function visitsToRecord(providerId: string, month: string, now: Date, db: Database = getDb()) {
  const [row] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from bookings b where b.provider_id = ${providerId} and b.status = 'active' and b.attendance is null
        and b.starts_at >= (${month}::date::timestamp at time zone 'Europe/Warsaw') and b.starts_at < least(${now.toISOString()}::timestamptz, (${addMonths(month, 1)}::date::timestamp at time zone 'Europe/Warsaw'))`,
  );
  return row?.n ?? 0;
}

/** Whether the statement is another provider's (refused, 403) rather than none at all (404). */
export async function isAnotherProvidersStatement(statementId: string, providerId: string, db: Database = getDb()) {
  if (!isUuid(statementId)) return false;
  const [row] = await db.select({ providerId: providerStatements.providerId }).from(providerStatements).where(eq(providerStatements.id, statementId));
  return row !== undefined && row.providerId !== providerId;
}
