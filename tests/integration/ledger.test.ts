import { sql } from "drizzle-orm";
import { journalLines } from "@db/schema";
import { accounts } from "~/modules/ledger/accounts";
import { accountBalance, accountBalances, postJournalEntry, UnbalancedEntry } from "~/modules/ledger/journal.server";
import { expectLedgerBalanced } from "../fixtures/ledger";
import { makeCentre } from "../fixtures/people";
import { setupTestDatabase } from "../setup/test-database";

const test$ = setupTestDatabase();

function errorText(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string } };
  return `${e.message ?? ""} ${e.cause?.message ?? ""}`;
}

describe("the ledger", () => {
  it("posts an entry whose lines sum to zero, once per money event, and sums balances by account", async () => {
    const centre = await makeCentre(test$.db);
    const entry = {
      cusId: centre.id,
      kind: "charge" as const,
      sourceKey: `charge:test:${centre.id}`,
      memo: "Opieka — 1,5 h",
      occurredAt: new Date("2026-03-03T10:00:00Z"),
      recordedBy: null,
      lines: [
        { account: accounts.residentUnbilled("r1"), amountGrosze: 2_250 },
        { account: accounts.copayIncome("0601011"), amountGrosze: -2_250 },
      ],
    };
    expect(await postJournalEntry(test$.db, entry)).toBeTruthy();
    // The same event delivered again (a retried webhook, a double click) posts nothing.
    expect(await postJournalEntry(test$.db, entry)).toBeNull();
    expect(await accountBalance(centre.id, accounts.residentUnbilled("r1"), test$.db)).toBe(2_250);
    const incomes = await accountBalances(centre.id, { prefix: "copay_income:" }, test$.db);
    expect([...incomes]).toEqual([["copay_income:0601011", -2_250]]);
    // Periods count by when the event happened.
    expect((await accountBalances(centre.id, { from: new Date("2026-04-01T00:00:00Z") }, test$.db)).size).toBe(0);
    await expectLedgerBalanced(test$.db);
  });

  it("refuses an unbalanced entry in code and in the database, and never lets a posted line change", async () => {
    const centre = await makeCentre(test$.db);
    await expect(
      postJournalEntry(test$.db, { cusId: centre.id, kind: "payment", sourceKey: "payment:bad", memo: "x", occurredAt: new Date(), recordedBy: null, lines: [{ account: accounts.cashDesk, amountGrosze: 100 }, { account: accounts.residentReceivable("r"), amountGrosze: -99 }] }),
    ).rejects.toBeInstanceOf(UnbalancedEntry);
    // Past the module, straight into the tables: the database itself refuses.
    const error = await test$.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into journal_entries (id, cus_id, kind, source_key, memo, occurred_at) values ('00000000-0000-4000-8000-000000000001', ${centre.id}, 'payment', 'raw:1', 'raw', now())`);
        await tx.execute(sql`insert into journal_lines (entry_id, cus_id, account, amount_grosze) values ('00000000-0000-4000-8000-000000000001', ${centre.id}, 'cash:desk', 100), ('00000000-0000-4000-8000-000000000001', ${centre.id}, 'x', -1)`);
      })
      .catch((e: unknown) => e);
    expect(errorText(error)).toMatch(/does not balance/);
    const bare = await test$.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into journal_entries (id, cus_id, kind, source_key, memo, occurred_at) values ('00000000-0000-4000-8000-000000000002', ${centre.id}, 'payment', 'raw:2', 'raw', now())`);
      })
      .catch((e: unknown) => e);
    expect(errorText(bare)).toMatch(/has no lines/);

    const id = await postJournalEntry(test$.db, { cusId: centre.id, kind: "payment", sourceKey: "payment:cash:1", memo: "Kasa", occurredAt: new Date(), recordedBy: null, lines: [{ account: accounts.cashDesk, amountGrosze: 500 }, { account: accounts.residentReceivable("r"), amountGrosze: -500 }] });
    const update = await test$.db.update(journalLines).set({ amountGrosze: 600 }).where(sql`${journalLines.entryId} = ${id}`).catch((e: unknown) => e);
    expect(errorText(update)).toMatch(/append-only/);
    const remove = await test$.db.execute(sql`delete from journal_entries where id = ${id}`).catch((e: unknown) => e);
    expect(errorText(remove)).toMatch(/append-only/);
    await expectLedgerBalanced(test$.db);
  });
});
