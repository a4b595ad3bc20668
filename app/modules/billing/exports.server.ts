import { and, asc, eq } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { residents, statements } from "@db/schema";
import type { Actor } from "~/modules/kernel/actor";
import { recordAudit } from "~/modules/kernel/audit.server";
import { addMonths, warsawDate } from "~/modules/kernel/dates";
import { csvDocument } from "~/utils/csv";
import { groszeToInput } from "~/utils/money";
import { xlsxDocument } from "~/utils/xlsx";
import { getT } from "~/utils/i18n";
import type { XlsxColumn } from "~/utils/xlsx";
import { listPayments } from "./payments.server";
import { outstandingOf } from "./statements.server";

/*
 * What finance exports, as rows of cells with Polish headers: a month's statements, and a period's payments.
 * The same rows go to CSV (money as "24,50") and XLSX (money as numbers); amounts stay integer grosze until then.
 */

export type ExportTable = { name: string; columns: XlsxColumn[]; rows: (string | number | null)[][] };

export async function statementsExport(cusId: string, month: string, db: Database = getDb()): Promise<ExportTable> {
  const t = getT("pl");
  const rows = await db
    .select({ s: statements, firstName: residents.firstName, lastName: residents.lastName })
    .from(statements)
    .innerJoin(residents, eq(residents.id, statements.payerId))
    .where(and(eq(statements.cusId, cusId), eq(statements.month, month)))
    .orderBy(asc(statements.reference));
  return {
    name: `rozliczenia-${month.slice(0, 7)}`,
    columns: [
      { header: "Numer rozliczenia" },
      { header: "Płatnik" },
      { header: "Miesiąc", kind: "date" },
      { header: "Data wystawienia", kind: "date" },
      { header: "Termin zapłaty", kind: "date" },
      { header: "Status" },
      { header: "Kwota (zł)", kind: "money" },
      { header: "Wpłacono (zł)", kind: "money" },
      { header: "Zwrócono (zł)", kind: "money" },
      { header: "Pozostało (zł)", kind: "money" },
      { header: "Powód umorzenia" },
    ],
    rows: rows.map((r) => [
      r.s.reference,
      `${r.lastName} ${r.firstName}`,
      r.s.month.slice(0, 7),
      r.s.issuedOn,
      r.s.dueOn,
      t(`billing.statusLabels.${r.s.status}`),
      r.s.totalGrosze,
      r.s.paidGrosze,
      r.s.refundedGrosze,
      outstandingOf(r.s),
      r.s.waivedReason,
    ]),
  };
}

export async function paymentsExport(cusId: string, range: { from: string; to: string }, db: Database = getDb()): Promise<ExportTable> {
  const t = getT("pl");
  const rows = await listPayments(cusId, range, db);
  return {
    name: `wplaty-${range.from}-${range.to}`,
    columns: [{ header: "Data wpłaty", kind: "date" }, { header: "Numer rozliczenia" }, { header: "Płatnik" }, { header: "Sposób" }, { header: "Kwota (zł)", kind: "money" }, { header: "Zwrócono (zł)", kind: "money" }, { header: "Dokument" }],
    rows: rows.map((r) => [r.payment.receivedOn, r.reference, `${r.lastName} ${r.firstName}`, t(`billing.methods.${r.payment.method}`), r.payment.amountGrosze, r.payment.refundedGrosze, r.payment.documentNumber]),
  };
}

/** The table as CSV cells: money as Polish decimal text. */
export function csvCells(table: ExportTable): (string | number | null)[][] {
  return [table.columns.map((c) => c.header), ...table.rows.map((row) => row.map((cell, i) => (table.columns[i]?.kind === "money" && typeof cell === "number" ? groszeToInput(cell) : cell)))];
}

export type ExportFile = "statements.csv" | "statements.xlsx" | "payments.csv" | "payments.xlsx";

/**
 * One of finance's exports as a file: a month's statements (last month unless named) or a period's payments (last
 * month to the end of this one unless named), as CSV or XLSX. Exports carry residents' names, so each is audited.
 */
export async function financeExport(input: { cusId: string; file: ExportFile; month?: string; from?: string; to?: string; actor: Actor; now: Date }, db: Database = getDb()) {
  const thisMonth = `${warsawDate(input.now).slice(0, 7)}-01`;
  const table = input.file.startsWith("statements")
    ? await statementsExport(input.cusId, input.month || addMonths(thisMonth, -1), db)
    : await paymentsExport(input.cusId, { from: input.from || addMonths(thisMonth, -1), to: input.to || addMonths(thisMonth, 1) }, db);
  await recordAudit(db, input.actor, { cusId: input.cusId, action: "finance.exported", entityType: "export", entityId: table.name, after: { file: input.file, rows: table.rows.length } });
  const csv = input.file.endsWith(".csv");
  return {
    filename: `${table.name}.${csv ? "csv" : "xlsx"}`,
    contentType: csv ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: csv ? csvDocument(csvCells(table)) : new Uint8Array(await xlsxDocument(table.name, table.columns, table.rows)),
  };
}
