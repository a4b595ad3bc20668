import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { pdfResponse, statementPdf } from "~/modules/billing/resident-statements.server";
import { getStatement } from "~/modules/billing/statements.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { notFound, readParams } from "~/modules/kernel/boundary.server";
import { id } from "~/modules/kernel/input";
import { isLocale } from "~/utils/i18n";

/** A statement's PDF for finance: the same document the payer got, in the payer's language. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "finance.desk");
  const cusId = requireCentreId(access);
  const { statementId } = readParams(params, z.object({ statementId: id() }));
  const found = await getStatement(cusId, statementId);
  if (!found) throw notFound();
  const language = found.statement.language;
  return pdfResponse(await statementPdf(found, isLocale(language) ? language : "pl"), found.statement.reference);
}
