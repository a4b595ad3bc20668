import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Feedback } from "~/components/Feedback";
import { Notice } from "~/components/Notice";
import { useRefusal } from "~/components/refusal";
import { startCheckout } from "~/modules/billing/checkout.server";
import { openPayLink } from "~/modules/billing/pay-links.server";
import { notFound, readForm, readParams, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { clock } from "~/modules/kernel/clock.server";
import { token } from "~/modules/kernel/input";
import { appUrl } from "~/utils/env.server";
import { formatDate, formatMoney, formatMonth } from "~/utils/format";
import { getT, translatedForResidents } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/i18n-react";
import { localeFromRequest } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";

/** A pay link for whoever pays for a resident: the amount, the reference, a pay button — nothing more of theirs. */
export const handle = translatedForResidents;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "billing.statements");

const Params = z.object({ token: token() });

async function open(params: Record<string, string | undefined>) {
  const { token: value } = readParams(params, Params);
  const link = await openPayLink(value, clock.now());
  if (!link) throw notFound();
  return { value, link };
}

export async function loader({ params }: LoaderFunctionArgs) {
  const { link } = await open(params);
  const s = link.statement;
  return { centreName: link.centreName, payer: link.payerShortName, reference: s.reference, month: s.month, dueOn: s.dueOn, outstandingGrosze: link.outstandingGrosze };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { value, link } = await open(params);
  const form = await readForm(request, z.object({ intent: z.literal("pay") }));
  if (!form.ok) return refuseInput(form, "pay");
  const locale = await localeFromRequest(request, null);
  const t = getT(locale);
  const s = link.statement;
  const result = await startCheckout({
    cusId: s.cusId,
    statementId: s.id,
    payerId: null,
    locale,
    baseUrl: appUrl(request),
    description: `${t("billing.statementFor", { month: formatMonth(s.month, locale) })} — ${s.reference}`,
    returnPath: `/pay/${value}`,
  });
  if (!result.ok) return refuse("pay", { form: result.reason === "unavailable" ? "billing.paymentUnavailable" : result.reason === "below_minimum" ? "billing.belowMinimum" : "billing.nothingOwed" }, form.values, 409);
  return redirect(result.url, 303);
}

export default function PayLink() {
  const d = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const refusal = useRefusal();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{t("billing.statementFor", { month: formatMonth(d.month, locale) })}</h1>
      <p>
        {d.centreName} · {d.payer}
      </p>
      {search.get("payment") === "cancelled" && d.outstandingGrosze > 0 ? <Notice kind="info">{t("billing.paymentCancelled")}</Notice> : null}
      {refusal.error("pay", "form") ? <Feedback kind="error">{refusal.error("pay", "form")}</Feedback> : null}
      <dl className="statement-summary">
        <dt>{t("billing.reference")}</dt>
        <dd>{d.reference}</dd>
        <dt>{t("billing.due")}</dt>
        <dd>{formatDate(d.dueOn, locale)}</dd>
        <dt>{t("billing.outstanding")}</dt>
        <dd>
          <strong>{formatMoney(d.outstandingGrosze, locale)}</strong>
        </dd>
      </dl>
      {d.outstandingGrosze >= 200 ? (
        <Form method="post" reloadDocument>
          <input type="hidden" name="intent" value="pay" />
          <button type="submit" className="button pay-button">
            {t("billing.pay", { amount: formatMoney(d.outstandingGrosze, locale) })}
          </button>
        </Form>
      ) : (
        <p>{d.outstandingGrosze > 0 ? t("billing.belowMinimum") : t("billing.nothingOwed")}</p>
      )}
      {d.outstandingGrosze > 0 ? <p>{t("billing.payAtDesk", { reference: d.reference })}</p> : null}
    </>
  );
}
