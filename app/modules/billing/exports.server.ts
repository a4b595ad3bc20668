import { and, asc, eq } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { residents, statements } from "@db/schema";
import { groszeToInput } from "~/utils/money";
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
