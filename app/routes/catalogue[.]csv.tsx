import { stringify } from "csv-stringify/sync";
import { catalogueCsvRows } from "~/modules/directory/hsds.server";

/** The catalogue as CSV: UTF-8 with a BOM and semicolons, so Excel in Polish opens it with ą, ę, ł intact. */
export async function loader() {
  const csv = "\ufeff" + stringify(await catalogueCsvRows(), { delimiter: ";", record_delimiter: "\r\n" });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="katalog-uslug.csv"',
      "Cache-Control": "public, max-age=300",
    },
  });
}
