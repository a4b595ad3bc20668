import { sql } from "drizzle-orm";
import type { Database } from "@db/client";
import { rowsOf } from "~/modules/kernel/rows.server";
import { UnbalancedEntry, type JournalEntryInput } from "./journal.server";

/**
 * Posts many entries in two statements (a month's statements for thousands of payers at once), with the same
 * guarantees as one: the database checks every entry's sum, and entries already posted under their source key
 * are skipped with their lines. Lines on the same account within an entry are merged.
 */
export async function postJournalEntries(db: Database, entries: (JournalEntryInput & { id: string })[]): Promise<number> {
  const rows: { e: string; a: string; m: number }[] = [];
  const heads: Record<string, unknown>[] = [];
  for (const entry of entries) {
    const merged = new Map<string, number>();
    for (const line of entry.lines) {
      if (!Number.isSafeInteger(line.amountGrosze)) throw new UnbalancedEntry(`amount ${line.amountGrosze} is not whole grosze`);
      merged.set(line.account, (merged.get(line.account) ?? 0) + line.amountGrosze);
    }
    const lines = [...merged].filter(([, m]) => m !== 0);
    if (lines.length === 0) continue;
    if (lines.length < 2 || lines.reduce((s, [, m]) => s + m, 0) !== 0) throw new UnbalancedEntry(`entry ${entry.sourceKey} does not sum to zero`);
    heads.push({ id: entry.id, cus_id: entry.cusId, kind: entry.kind, source_key: entry.sourceKey, memo: entry.memo, occurred_at: entry.occurredAt.toISOString(), recorded_by: entry.recordedBy });
    for (const [a, m] of lines) rows.push({ e: entry.id, a, m });
  }
  if (heads.length === 0) return 0;
  const [result] = await rowsOf<{ n: number }>(
    db,
    sql`with entries as (
          insert into journal_entries (id, cus_id, kind, source_key, memo, occurred_at, recorded_by)
          select id, cus_id, kind, source_key, memo, occurred_at, recorded_by
          from jsonb_to_recordset(${JSON.stringify(heads)}::jsonb) as x(id uuid, cus_id uuid, kind text, source_key text, memo text, occurred_at timestamptz, recorded_by uuid)
          on conflict (source_key) do nothing
          returning id, cus_id
        ), written as (
          insert into journal_lines (entry_id, cus_id, account, amount_grosze)
          select entries.id, entries.cus_id, l.a, l.m
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as l(e uuid, a text, m bigint) join entries on entries.id = l.e
          returning entry_id
        )
        select count(distinct entry_id)::int as n from written`,
  );
  return result?.n ?? 0;
}
