import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { notFound, readParams, readQuery, refuse } from "~/modules/kernel/boundary.server";
import { choice, date, id } from "~/modules/kernel/input";
import { bankFile } from "~/modules/settlements/runs.server";

const Params = z.object({ runId: id() });
const Query = z.object({ format: choice(["elixir", "csv"]), date: date() });

/** The run's bank payment file: Elixir-O (Windows-1250) for the bank's import, or CSV to read. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "settlements.manage");
  const cusId = requireCentreId(access);
  const { runId } = readParams(params, Params);
  const query = readQuery(request, Query);
  if (Object.keys(query.errors).length > 0) return refuse("bank", query.errors, {}, 400);
  const file = await bankFile({ cusId, runId, format: query.data.format, executionDate: query.data.date });
  if (!file.ok && file.reason === "not_found") throw notFound();
  if (!file.ok) return refuse("bank", { form: `settlements.${file.reason}` }, {}, 409);
  const name = `przelewy-${runId.slice(0, 8)}-${query.data.date}.${query.data.format === "csv" ? "csv" : "pli"}`;
  return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
    headers: {
      "Content-Type": query.data.format === "csv" ? "text/csv; charset=utf-8" : "text/plain; charset=windows-1250",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}
