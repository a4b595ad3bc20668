import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { csvCells, paymentsExport, statementsExport } from "~/modules/billing/exports.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { recordAudit } from "~/modules/kernel/audit.server";
import { actorFrom } from "~/modules/kernel/actor";
import { notFound, readParams, readQuery } from "~/modules/kernel/boundary.server";
import { clock } from "~/modules/kernel/clock.server";
import { addMonths, warsawDate } from "~/modules/kernel/dates";
import { date, month } from "~/modules/kernel/input";
import { getDb } from "@db/client";
import { csvDocument } from "~/utils/csv";
import { xlsxDocument } from "~/utils/xlsx";

/** Finance's exports: statements of a month or payments of a period, as CSV or XLSX with Polish headers. */
const Params = z.object({ file: z.enum(["statements.csv", "statements.xlsx", "payments.csv", "payments.xlsx"]) });
const Query = z.object({ month: z.union([z.literal(""), month()]).default(""), from: z.union([z.literal(""), date()]).default(""), to: z.union([z.literal(""), date()]).default("") });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "finance.desk");
  const cusId = requireCentreId(access);
  const { file } = readParams(params, Params);
  const query = readQuery(request, Query);
  if (Object.keys(query.errors).length > 0) throw notFound();
  const thisMonth = `${warsawDate(clock.now()).slice(0, 7)}-01`;
  const table = file.startsWith("statements")
    ? await statementsExport(cusId, query.data.month || addMonths(thisMonth, -1))
    : await paymentsExport(cusId, { from: query.data.from || addMonths(thisMonth, -1), to: query.data.to || addMonths(thisMonth, 1) });
  // Exports carry residents' names: who took one is in the audit log.
  await recordAudit(getDb(), actorFrom(access, context as { ip: string }), { cusId, action: "finance.exported", entityType: "export", entityId: table.name, after: { file, rows: table.rows.length } });
  const disposition = (ext: string) => `attachment; filename="${table.name}.${ext}"`;
  if (file.endsWith(".csv")) {
    return new Response(csvDocument(csvCells(table)), { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": disposition("csv") } });
  }
  const xlsx = await xlsxDocument(table.name, table.columns, table.rows);
  return new Response(new Uint8Array(xlsx), { headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Content-Disposition": disposition("xlsx") } });
}
