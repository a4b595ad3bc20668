import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { openPayLink } from "~/modules/billing/pay-links.server";
import { confirmCheckoutReturn } from "~/modules/billing/stripe-events.server";
import { notFound, readParams } from "~/modules/kernel/boundary.server";
import { clock } from "~/modules/kernel/clock.server";
import { token } from "~/modules/kernel/input";
import { translatedForResidents } from "~/utils/i18n";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

/** Where Checkout returns whoever paid by a pay link: says whether the payment is confirmed. */
export const handle = translatedForResidents;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "billing.statements");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { token: value } = readParams(params, z.object({ token: token() }));
  let link = await openPayLink(value, clock.now());
  if (!link) throw notFound();
  const sessionId = new URL(request.url).searchParams.get("session_id");
  if (link.outstandingGrosze > 0 && sessionId && (await confirmCheckoutReturn({ sessionId, statementId: link.statement.id, now: clock.now() }))) {
    link = await openPayLink(value, clock.now());
    if (!link) throw notFound();
  }
  return { token: value, reference: link.statement.reference, paid: link.outstandingGrosze === 0 };
}

export default function PayLinkPaid() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{d.paid ? t("billing.paidTitle") : t("billing.pendingTitle")}</h1>
      <p role="status">{d.paid ? t("billing.paidBody", { reference: d.reference }) : t("billing.pendingBody")}</p>
      {d.paid ? null : (
        <p>
          <Link to={`/pay/${d.token}/paid`} reloadDocument>
            {t("billing.refresh")}
          </Link>
        </p>
      )}
    </>
  );
}
