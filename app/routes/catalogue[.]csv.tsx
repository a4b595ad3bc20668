import { csvDocument } from "~/utils/csv";
import { catalogueCsvRows } from "~/modules/directory/hsds.server";

/** The catalogue as CSV: UTF-8 with a BOM and semicolons, so Excel in Polish opens it with ą, ę, ł intact. */
export async function loader() {
  const csv = csvDocument(await catalogueCsvRows());
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="katalog-uslug.csv"',
      "Cache-Control": "public, max-age=300",
    },
  });
}
