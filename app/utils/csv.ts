import { stringify } from "csv-stringify/sync";

/**
 * A cell a spreadsheet would read as a formula ("=HYPERLINK(…)", "+48…", "-1+1", "@SUM", a leading tab or CR)
 * is written with a leading apostrophe, so Excel and LibreOffice show it as text (OWASP's advice for CSV
 * injection). Every CSV and XLSX export goes through this.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A CSV document as Polish spreadsheets open it: UTF-8 with a BOM, semicolons, CRLF, no formulas. */
export function csvDocument(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === "number" ? cell : neutraliseFormula(cell ?? ""))));
  return "\ufeff" + stringify(cells, { delimiter: ";", record_delimiter: "\r\n" });
}
