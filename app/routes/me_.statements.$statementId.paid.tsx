import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { readOwnStatement } from "~/modules/billing/resident-statements.server";
import { confirmCheckoutReturn } from "~/modules/billing/stripe-events.server";
import { clock } from "~/modules/kernel/clock.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { actorFrom } from "~/modules/kernel/actor";
import { forbidden, notFound, readParams } from "~/modules/kernel/boundary.server";
import { id } from "~/modules/kernel/input";
import { getOwnResidentRecord } from "~/modules/plans/residents.server";
import { translatedForResidents } from "~/utils/i18n";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

/** Where Stripe Checkout sends the resident after paying: says plainly whether the payment has been confirmed. */
export const handle = translatedForResidents;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "billing.statements");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "resident.self");
  const cusId = requireCentreId(access);
  const { statementId } = readParams(params, z.object({ statementId: id() }));
  const record = await getOwnResidentRecord(access.user.id, cusId);
  if (!record) throw notFound();
  const actor = actorFrom(access, context as { ip: string });
  let found = await readOwnStatement({ cusId, statementId, payerId: record.id, actor });
  if (!found.ok) throw found.reason === "forbidden" ? forbidden() : notFound();
  const sessionId = new URL(request.url).searchParams.get("session_id");
  if (found.outstandingGrosze > 0 && sessionId && (await confirmCheckoutReturn({ sessionId, statementId, now: clock.now() }))) {
    found = await readOwnStatement({ cusId, statementId, payerId: record.id, actor });
    if (!found.ok) throw notFound();
  }
  return { id: found.statement.id, reference: found.statement.reference, paid: found.outstandingGrosze === 0 };
}

export default function StatementPaid() {
  const { id: statementId, reference, paid } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{paid ? t("billing.paidTitle") : t("billing.pendingTitle")}</h1>
      <p role="status">{paid ? t("billing.paidBody", { reference }) : t("billing.pendingBody")}</p>
      {paid ? null : (
        <p>
          <Link to={`/me/statements/${statementId}/paid`} reloadDocument>
            {t("billing.refresh")}
          </Link>
        </p>
      )}
      <p>
        <Link to={`/me/statements/${statementId}`}>{t("billing.back")}</Link>
      </p>
    </>
  );
}
