import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { financeExport } from "~/modules/billing/exports.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { actorFrom } from "~/modules/kernel/actor";
import { notFound, readParams, readQuery } from "~/modules/kernel/boundary.server";
import { clock } from "~/modules/kernel/clock.server";
import { date, month } from "~/modules/kernel/input";

/** Finance's exports: statements of a month or payments of a period, as CSV or XLSX with Polish headers. */
const Params = z.object({ file: z.enum(["statements.csv", "statements.xlsx", "payments.csv", "payments.xlsx"]) });
const Query = z.object({ month: z.union([z.literal(""), month()]).default(""), from: z.union([z.literal(""), date()]).default(""), to: z.union([z.literal(""), date()]).default("") });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "finance.desk");
  const { file } = readParams(params, Params);
  const query = readQuery(request, Query);
  if (Object.keys(query.errors).length > 0) throw notFound();
  const exported = await financeExport({ cusId: requireCentreId(access), file, ...query.data, actor: actorFrom(access, context as { ip: string }), now: clock.now() });
  return new Response(exported.body, { headers: { "Content-Type": exported.contentType, "Content-Disposition": `attachment; filename="${exported.filename}"` } });
}
