import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { pdfResponse, readOwnStatement, statementPdf } from "~/modules/billing/resident-statements.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { actorFrom } from "~/modules/kernel/actor";
import { forbidden, notFound, readParams } from "~/modules/kernel/boundary.server";
import { id } from "~/modules/kernel/input";
import { getOwnResidentRecord } from "~/modules/plans/residents.server";
import { localeFromRequest } from "~/utils/locale.server";

/** The resident's own statement as a PDF, in their language. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "resident.self");
  const cusId = requireCentreId(access);
  const { statementId } = readParams(params, z.object({ statementId: id() }));
  const record = await getOwnResidentRecord(access.user.id, cusId);
  if (!record) throw notFound();
  const found = await readOwnStatement({ cusId, statementId, payerId: record.id, actor: actorFrom(access, context as { ip: string }) });
  if (!found.ok) throw found.reason === "forbidden" ? forbidden() : notFound();
  return pdfResponse(await statementPdf(found, await localeFromRequest(request, access.user.locale)), found.statement.reference);
}
