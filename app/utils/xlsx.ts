import ExcelJS from "exceljs";
import { neutraliseFormula } from "./csv";

export type XlsxColumn = { header: string; kind?: "text" | "money" | "date" };

/**
 * An XLSX workbook of one sheet (exceljs): Polish headers in bold, money as numbers in złoty with two decimals
 * (so a spreadsheet sums them), dates as text YYYY-MM-DD, and text neutralised like CSV (no formulas).
 */
export async function xlsxDocument(sheetName: string, columns: XlsxColumn[], rows: readonly (readonly (string | number | null)[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Portal CUS";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.kind === "money" ? 14 : c.kind === "date" ? 12 : 28, style: c.kind === "money" ? { numFmt: "#,##0.00" } : {} }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      row.map((cell, i) => {
        if (cell === null) return null;
        // Money arrives as integer grosze and leaves as złoty: the only division, for the spreadsheet's display.
        if (columns[i]?.kind === "money" && typeof cell === "number") return cell / 100;
        return typeof cell === "number" ? cell : neutraliseFormula(cell);
      }),
    );
  }
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
