import { randomUUID } from "node:crypto";
import { and, eq, gte, like, lt, sql } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { journalEntries, journalLines } from "@db/schema";
import { rowsOf } from "~/modules/kernel/rows.server";
import type { JournalKind } from "./accounts";

/*
 * Accounts are compared byte by byte (the column's collation is "C"), so a prefix such as "resident_carried:"
 * is a range of the (cus, account) index.
 *
 * The journal: one entry per money event, its lines summing to zero (the database refuses anything else, see
 * db/migrations/0008_ledger.sql). Post in the transaction that makes the change, so money and its cause commit
 * together. Every entry has a source key naming the event: posting the same event again changes nothing.
 */

export type JournalLine = { account: string; amountGrosze: number };

export type JournalEntryInput = {
  cusId: string;
  kind: JournalKind;
  sourceKey: string;
  memo: string;
  occurredAt: Date;
  recordedBy: string | null;
  lines: JournalLine[];
};

export class UnbalancedEntry extends Error {}

/** Posts an entry; returns its id, or null when an entry with this source key is already in the journal. */
export async function postJournalEntry(db: Database, entry: JournalEntryInput): Promise<string | null> {
  const lines = entry.lines.filter((l) => l.amountGrosze !== 0);
  for (const line of lines) if (!Number.isSafeInteger(line.amountGrosze)) throw new UnbalancedEntry(`amount ${line.amountGrosze} is not whole grosze`);
  if (lines.length < 2 || lines.reduce((sum, l) => sum + l.amountGrosze, 0) !== 0) throw new UnbalancedEntry(`entry ${entry.sourceKey} does not sum to zero`);
  // One statement writes the entry and its lines: nothing can come between them, the database checks the sum
  // after it, and an entry already posted under this source key makes it write nothing.
  const accountList = sql.join(lines.map((l) => sql`${l.account}`), sql`, `);
  const amountList = sql.join(lines.map((l) => sql`${l.amountGrosze}`), sql`, `);
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`with entry as (
          insert into journal_entries (id, cus_id, kind, source_key, memo, occurred_at, recorded_by)
          values (${randomUUID()}, ${entry.cusId}, ${entry.kind}, ${entry.sourceKey}, ${entry.memo}, ${entry.occurredAt.toISOString()}::timestamptz, ${entry.recordedBy})
          on conflict (source_key) do nothing
          returning id, cus_id
        ), written as (
          insert into journal_lines (entry_id, cus_id, account, amount_grosze)
          select entry.id, entry.cus_id, line.account, line.amount
          from entry cross join unnest(array[${accountList}]::text[], array[${amountList}]::bigint[]) as line(account, amount)
          returning entry_id
        )
        select distinct entry_id::text as id from written`,
  );
  return rows[0]?.id ?? null;
}

/** Balances (debit positive) of a centre's accounts, optionally those starting with a prefix, over [from, to). */
export async function accountBalances(
  cusId: string,
  options: { prefix?: string; from?: Date; to?: Date } = {},
  db: Database = getDb(),
): Promise<Map<string, number>> {
  const conditions = [eq(journalLines.cusId, cusId)];
  if (options.prefix) conditions.push(like(journalLines.account, `${options.prefix.replace(/[\\%_]/g, "\\$&")}%`));
  if (options.from) conditions.push(gte(journalEntries.occurredAt, options.from));
  if (options.to) conditions.push(lt(journalEntries.occurredAt, options.to));
  const base = db.select({ account: journalLines.account, balance: sql<string>`sum(${journalLines.amountGrosze})` }).from(journalLines);
  // Only a period needs the entries' dates; balances to date read the lines alone (by the (cus, account) index).
  const rows = await (options.from || options.to ? base.innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId)) : base).where(and(...conditions)).groupBy(journalLines.account);
  return new Map(rows.map((r) => [r.account, Number(r.balance)]));
}

/** One account's balance (debit positive). */
export async function accountBalance(cusId: string, account: string, db: Database = getDb()): Promise<number> {
  const [row] = await db
    .select({ balance: sql<string | null>`sum(${journalLines.amountGrosze})` })
    .from(journalLines)
    .where(and(eq(journalLines.cusId, cusId), eq(journalLines.account, account)));
  return Number(row?.balance ?? 0);
}

/** The entries about one source prefix (e.g. all of a statement's), oldest first, with their lines. */
export async function entriesBySource(sourcePrefix: string, db: Database = getDb()) {
  const entries = await db
    .select()
    .from(journalEntries)
    .where(like(journalEntries.sourceKey, `${sourcePrefix.replace(/[\\%_]/g, "\\$&")}%`))
    .orderBy(journalEntries.occurredAt, journalEntries.createdAt);
  if (entries.length === 0) return [];
  const lines = await db
    .select()
    .from(journalLines)
    .where(sql`${journalLines.entryId} in ${entries.map((e) => e.id)}`);
  return entries.map((e) => ({ ...e, lines: lines.filter((l) => l.entryId === e.id) }));
}

/** Whole-journal health: the overall sum and any entry that does not sum to zero (tests run it after money moves). */
export async function journalHealth(db: Database = getDb()): Promise<{ total: number; unbalancedEntries: string[]; entriesWithoutLines: string[] }> {
  const [total] = await db.select({ total: sql<string | null>`sum(${journalLines.amountGrosze})` }).from(journalLines);
  const unbalanced = await db
    .select({ entryId: journalLines.entryId })
    .from(journalLines)
    .groupBy(journalLines.entryId)
    .having(sql`sum(${journalLines.amountGrosze}) <> 0`);
  const bare = await rowsOf<{ id: string }>(db, sql`select e.id from journal_entries e where not exists (select 1 from journal_lines l where l.entry_id = e.id)`);
  return { total: Number(total?.total ?? 0), unbalancedEntries: unbalanced.map((u) => u.entryId), entriesWithoutLines: bare.map((r) => r.id) };
}
