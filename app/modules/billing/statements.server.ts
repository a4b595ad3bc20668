import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, ilike, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { billingMonths, copayCharges, outbox, residents, statementLines, statements, type StatementStatus } from "@db/schema";
import type { Actor } from "~/modules/kernel/actor";
import { recordAudit } from "~/modules/kernel/audit.server";
import { addDays, addMonths } from "~/modules/kernel/dates";
import { isUuid } from "~/modules/kernel/ids";
import { rowsOf } from "~/modules/kernel/rows.server";
import { accounts } from "~/modules/ledger/accounts";
import { postJournalEntries } from "~/modules/ledger/bulk.server";
import { accountBalance, accountBalances } from "~/modules/ledger/journal.server";
import { getBillingSettings } from "./billing-settings.server";
import { composeStatement, statementEntryLines } from "./statement-composition";

/*
 * Monthly statements: one per payer and month, issued by finance on a chosen day (or on the 1st by the worker).
 * Issuing closes the month: its charges are on statements and it is never rewritten; a charge accrued later
 * for a day in it (a late confirmation, a correction) goes on the next statement. Set-based, so a month of a
 * large centre is issued in seconds: the database does the grouping, this file the composition.
 */

export type IssueResult =
  | { ok: true; issued: number; carried: number; totalGrosze: number }
  | { ok: false; reason: "already_issued" | "future_month" };

/** The reference a resident quotes on a bank transfer: ODP/2026/03/000042. */
export function statementReference(month: string, sequence: number): string {
  return `ODP/${month.slice(0, 4)}/${month.slice(5, 7)}/${String(sequence).padStart(6, "0")}`;
}

/**
 * Issues the month's statements and closes the month. With `only`, issues a final statement for those payers
 * (a resident who leaves mid-month) and leaves the month open for everyone else.
 */
export async function issueStatements(
  input: { cusId: string; month: string; issuedOn: string; dueOn?: string; actor: Actor | null; now: Date; only?: string[] },
  db: Database = getDb(),
): Promise<IssueResult> {
  const month = `${input.month.slice(0, 7)}-01`;
  const nextMonth = addMonths(month, 1);
  if (input.issuedOn < month) return { ok: false, reason: "future_month" };
  const dueOn = input.dueOn ?? addDays(input.issuedOn, (await getBillingSettings(input.cusId, db)).dueDays);
  return db.transaction(async (tx) => {
    // One issuing at a time per centre and month: references are numbered in order.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`statements:${input.cusId}:${month}`}))`);
    if (input.only) {
      if (await isClosed(tx, input.cusId, month)) return { ok: false as const, reason: "already_issued" as const };
    } else {
      const [closed] = await tx.insert(billingMonths).values({ cusId: input.cusId, month, closedAt: input.now, closedBy: input.actor?.userId ?? null }).onConflictDoNothing().returning();
      if (!closed) return { ok: false as const, reason: "already_issued" as const };
    }

    // Per payer, the month's unbilled charges summed (a family plan's are its holder's), done by the database.
    const sums = await rowsOf<{ payerId: string; amount: number; charged: boolean }>(
      tx,
      sql`select payer_id::text as "payerId", sum(amount_grosze)::int as amount, bool_or(amount_grosze <> 0) as charged
          from ${copayCharges}
          where cus_id = ${input.cusId} and statement_id is null and service_date < ${nextMonth}
            ${input.only ? sql`and payer_id in (${sql.join(input.only.map((p) => sql`${p}::uuid`), sql`, `)})` : sql``}
          group by payer_id`,
    );
    const carried = await accountBalances(input.cusId, { prefix: "resident_carried:" }, tx);
    const credits = await accountBalances(input.cusId, { prefix: "resident_credit:" }, tx);
    const groups = new Map(sums.map((r) => [r.payerId, r]));
    for (const [account, balance] of carried) {
      const payer = account.slice("resident_carried:".length);
      if (balance > 0 && !groups.has(payer) && (!input.only || input.only.includes(payer))) groups.set(payer, { payerId: payer, amount: 0, charged: false });
    }

    // A payer who already has this month's statement (a final one) gets later charges on the next month's.
    const already = await tx.select({ payerId: statements.payerId }).from(statements).where(and(eq(statements.cusId, input.cusId), eq(statements.month, month)));
    for (const a of already) groups.delete(a.payerId);
    const payerIds = [...groups.keys()];
    const languages = new Map<string, string>();
    for (let i = 0; i < payerIds.length; i += 5000) {
      const rows = await tx.select({ id: residents.id, language: residents.preferredLanguage }).from(residents).where(inArray(residents.id, payerIds.slice(i, i + 5000)));
      for (const r of rows) languages.set(r.id, r.language);
    }
    const [{ n: existing } = { n: 0 }] = await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from ${statements} where cus_id = ${input.cusId} and month = ${month}`);

    const heads: Record<string, unknown>[] = [];
    const lines: Record<string, unknown>[] = [];
    const entries: Parameters<typeof postJournalEntries>[1] = [];
    const chargeToStatement: string[] = [];
    let sequence = existing;
    let issued = 0;
    let carriedCount = 0;
    let totalGrosze = 0;
    for (const payerId of payerIds.sort()) {
      const own = groups.get(payerId)!;
      const carriedGrosze = Math.max(0, carried.get(accounts.residentCarried(payerId)) ?? 0);
      const creditGrosze = Math.max(0, -(credits.get(accounts.residentCredit(payerId)) ?? 0));
      // A month of free services only is not a statement anyone needs; its zero charges wait unbilled.
      if (carriedGrosze === 0 && !own.charged) continue;
      const composed = composeStatement({ chargesGrosze: own.amount, carriedGrosze, creditGrosze });
      const id = randomUUID();
      sequence += 1;
      const status: StatementStatus = composed.outcome === "carry" ? "carried_over" : composed.outcome === "nothing" ? "paid" : "issued";
      heads.push({ id, cus_id: input.cusId, payer_id: payerId, month, reference: statementReference(month, sequence), status, total_grosze: composed.totalGrosze, issued_on: input.issuedOn, due_on: dueOn, language: languages.get(payerId) ?? "pl", issued_by: input.actor?.userId ?? null });
      // Charge lines are copied by the database below; the carried amount and credit are written from here.
      if (carriedGrosze > 0) lines.push({ statement_id: id, kind: "carried", amount_grosze: carriedGrosze, sort_order: 0 });
      if (composed.creditUsedGrosze > 0) lines.push({ statement_id: id, kind: "credit", amount_grosze: -composed.creditUsedGrosze, sort_order: 1_000_000 });
      chargeToStatement.push(id);
      const lineAccounts = { unbilled: accounts.residentUnbilled(payerId), carried: accounts.residentCarried(payerId), credit: accounts.residentCredit(payerId), receivable: accounts.residentReceivable(payerId) };
      entries.push({ id: randomUUID(), cusId: input.cusId, kind: composed.outcome === "carry" ? "carry_over" : "statement_issued", sourceKey: `statement:${id}`, memo: statementReference(month, sequence), occurredAt: input.now, recordedBy: input.actor?.userId ?? null, lines: statementEntryLines(composed, lineAccounts) });
      if (composed.outcome === "carry") carriedCount += 1;
      else issued += 1;
      totalGrosze += composed.totalGrosze;
    }

    if (heads.length > 0) {
      await tx.execute(sql`insert into ${statements} (id, cus_id, payer_id, month, reference, status, total_grosze, issued_on, due_on, language, issued_by, created_at, updated_at)
        select id, cus_id, payer_id, month, reference, status::statement_status, total_grosze, issued_on, due_on, language, issued_by, ${input.now.toISOString()}::timestamptz, ${input.now.toISOString()}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(heads)}::jsonb) as x(id uuid, cus_id uuid, payer_id uuid, month date, reference text, status text, total_grosze int, issued_on date, due_on date, language text, issued_by uuid)`);
      // The payer's unbilled charges go on the new statement, and become its lines, in the order they happened.
      await tx.execute(sql`update ${copayCharges} c set statement_id = s.id
        from ${statements} s join jsonb_array_elements_text(${JSON.stringify(chargeToStatement)}::jsonb) as issued(id) on s.id = issued.id::uuid
        where c.cus_id = ${input.cusId} and c.payer_id = s.payer_id and c.statement_id is null and c.service_date < ${nextMonth}`);
      await tx.execute(sql`insert into ${statementLines} (statement_id, kind, charge_id, description, service_date, units_hundredths, amount_grosze, explanation, sort_order)
        select c.statement_id, c.kind, c.id, c.description, c.service_date, c.units_hundredths, c.amount_grosze, c.explanation,
               row_number() over (partition by c.statement_id order by c.service_date, c.description, c.created_at)
        from ${copayCharges} c join jsonb_array_elements_text(${JSON.stringify(chargeToStatement)}::jsonb) as issued(id) on c.statement_id = issued.id::uuid`);
      if (lines.length > 0) {
        await tx.execute(sql`insert into ${statementLines} (statement_id, kind, charge_id, description, service_date, units_hundredths, amount_grosze, explanation, sort_order)
          select statement_id, kind, null, '', null, null, amount_grosze, null, sort_order
          from jsonb_to_recordset(${JSON.stringify(lines)}::jsonb) as x(statement_id uuid, kind text, amount_grosze int, sort_order int)`);
      }
      await postJournalEntries(tx, entries);
      // Each payer is told (email with the amount, the PDF and a pay link) by the worker, through the outbox.
      const notices = heads.filter((h) => h.status === "issued").map((h) => ({ key: `statement-notice:issued:${h.id as string}`, payload: { statementId: h.id, kind: "issued" } }));
      if (notices.length > 0) {
        await tx.execute(sql`insert into ${outbox} (kind, key, payload, cus_id, next_attempt_at)
          select 'statement-notice', x.key, x.payload, ${input.cusId}, ${input.now.toISOString()}::timestamptz from jsonb_to_recordset(${JSON.stringify(notices)}::jsonb) as x(key text, payload jsonb)
          on conflict (key) do nothing`);
      }
    }
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "statements.issued", entityType: "billing_month", entityId: month, after: { issued, carried: carriedCount, totalGrosze, issuedOn: input.issuedOn, dueOn } });
    return { ok: true as const, issued, carried: carriedCount, totalGrosze };
  });
}

async function isClosed(db: Database, cusId: string, month: string): Promise<boolean> {
  const [row] = await db.select({ month: billingMonths.month }).from(billingMonths).where(and(eq(billingMonths.cusId, cusId), eq(billingMonths.month, month)));
  return !!row;
}

export type StatementRow = typeof statements.$inferSelect;

/** A statement with its lines, if it belongs to the centre (and, for a resident, is their own). */
export async function getStatement(cusId: string, statementId: string, options: { payerId?: string } = {}, db: Database = getDb()) {
  if (!isUuid(statementId)) return null;
  const conditions = [eq(statements.id, statementId), eq(statements.cusId, cusId)];
  if (options.payerId) conditions.push(eq(statements.payerId, options.payerId));
  const [row] = await db
    .select({ statement: statements, payerFirstName: residents.firstName, payerLastName: residents.lastName, payerEmail: residents.email, payerStreet: residents.street, payerPostalCode: residents.postalCode, payerCity: residents.city })
    .from(statements)
    .innerJoin(residents, eq(residents.id, statements.payerId))
    .where(and(...conditions));
  if (!row) return null;
  const items = await db.select().from(statementLines).where(eq(statementLines.statementId, statementId)).orderBy(asc(statementLines.sortOrder));
  return { ...row, lines: items };
}

/** What is still to pay on a statement. */
export function outstandingOf(s: Pick<StatementRow, "totalGrosze" | "paidGrosze" | "refundedGrosze" | "status">): number {
  if (s.status === "waived" || s.status === "cancelled" || s.status === "carried_over") return 0;
  return Math.max(0, s.totalGrosze - s.paidGrosze);
}

/** A payer's statements, newest first (the resident's page, the resident's record). */
export async function listPayerStatements(cusId: string, payerId: string, db: Database = getDb()) {
  if (!isUuid(payerId)) return [];
  return db.select().from(statements).where(and(eq(statements.cusId, cusId), eq(statements.payerId, payerId))).orderBy(desc(statements.month));
}

export const STATEMENTS_PAGE_SIZE = 50;

/** The finance desk's list: a month's statements, by status, by a resident's name or the reference. */
export async function listStatements(cusId: string, filter: { month: string; status?: StatementStatus | "overdue_open" | null; search?: string | null; page?: number }, db: Database = getDb()) {
  const month = `${filter.month.slice(0, 7)}-01`;
  const conditions = [eq(statements.cusId, cusId), eq(statements.month, month)];
  if (filter.status === "overdue_open") conditions.push(eq(statements.status, "overdue"));
  else if (filter.status) conditions.push(eq(statements.status, filter.status));
  if (filter.search) {
    const like = `%${filter.search.replace(/[\\%_]/g, "\\$&")}%`;
    conditions.push(or(ilike(statements.reference, like), ilike(sql`${residents.firstName} || ' ' || ${residents.lastName}`, like))!);
  }
  const page = Math.max(1, filter.page ?? 1);
  const rows = await db
    .select({ statement: statements, firstName: residents.firstName, lastName: residents.lastName })
    .from(statements)
    .innerJoin(residents, eq(residents.id, statements.payerId))
    .where(and(...conditions))
    .orderBy(asc(residents.lastName), asc(residents.firstName))
    .limit(STATEMENTS_PAGE_SIZE)
    .offset((page - 1) * STATEMENTS_PAGE_SIZE);
  const summary = await db
    .select({ status: statements.status, n: sql<number>`count(*)::int`, total: sql<string>`sum(${statements.totalGrosze})`, paid: sql<string>`sum(${statements.paidGrosze})` })
    .from(statements)
    .where(and(eq(statements.cusId, cusId), eq(statements.month, month)))
    .groupBy(statements.status);
  return {
    rows,
    counts: Object.fromEntries(summary.map((s) => [s.status, s.n])) as Partial<Record<StatementStatus, number>>,
    // What the month asks for: statements carried to the next month or cancelled ask for nothing.
    totalGrosze: summary.filter((s) => s.status !== "carried_over" && s.status !== "cancelled").reduce((sum, s) => sum + Number(s.total), 0),
    paidGrosze: summary.reduce((sum, s) => sum + Number(s.paid), 0),
  };
}

/** Months whose statements are issued, newest first. */
export async function listClosedMonths(cusId: string, db: Database = getDb()) {
  return db.select().from(billingMonths).where(eq(billingMonths.cusId, cusId)).orderBy(desc(billingMonths.month));
}

/** Statements past their due date and still owing: marked overdue, and each payer reminded once. */
export async function markOverdue(cusId: string | null, today: string, now: Date, db: Database = getDb()): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(statements)
      .set({ status: "overdue", reminderQueuedAt: now, updatedAt: now })
      .where(and(cusId ? eq(statements.cusId, cusId) : sql`true`, inArray(statements.status, ["issued", "partly_paid"]), lt(statements.dueOn, today), isNull(statements.reminderQueuedAt)))
      .returning({ id: statements.id, cusId: statements.cusId });
    for (const r of rows) {
      await tx.insert(outbox).values({ kind: "statement-notice", key: `statement-notice:overdue:${r.id}`, payload: { statementId: r.id, kind: "overdue" }, cusId: r.cusId, nextAttemptAt: now }).onConflictDoNothing({ target: outbox.key });
    }
    return rows.length;
  });
}

/** Every statement past due and still owing, oldest first (the desk's overdue list, whatever the month). */
export async function listOverdue(cusId: string, db: Database = getDb()) {
  return db
    .select({ statement: statements, firstName: residents.firstName, lastName: residents.lastName, phone: residents.phone })
    .from(statements)
    .innerJoin(residents, eq(residents.id, statements.payerId))
    .where(and(eq(statements.cusId, cusId), eq(statements.status, "overdue")))
    .orderBy(asc(statements.dueOn))
    .limit(200);
}

/** What a payer owes overall (positive) or has in credit (negative): issued, carried and accrued, less credit. */
export async function payerBalance(cusId: string, payerId: string, db: Database = getDb()): Promise<{ owedGrosze: number; unbilledGrosze: number; creditGrosze: number }> {
  const ids = [accounts.residentReceivable(payerId), accounts.residentCarried(payerId), accounts.residentUnbilled(payerId), accounts.residentCredit(payerId)];
  const rows = await Promise.all(ids.map((a) => accountBalance(cusId, a, db)));
  const balances = new Map(ids.map((a, i) => [a, rows[i]!]));
  const of = (account: string) => balances.get(account) ?? 0;
  return {
    owedGrosze: of(accounts.residentReceivable(payerId)) + of(accounts.residentCarried(payerId)),
    unbilledGrosze: of(accounts.residentUnbilled(payerId)),
    creditGrosze: -of(accounts.residentCredit(payerId)),
  };
}

/** Statements with their payer's contact, for the notice handler. */
export async function statementsWithPayers(ids: string[], db: Database = getDb()) {
  if (ids.length === 0) return [];
  return db
    .select({ statement: statements, email: residents.email, firstName: residents.firstName, lastName: residents.lastName, contactPreference: residents.contactPreference, language: residents.preferredLanguage })
    .from(statements)
    .innerJoin(residents, eq(residents.id, statements.payerId))
    .where(inArray(statements.id, ids));
}
