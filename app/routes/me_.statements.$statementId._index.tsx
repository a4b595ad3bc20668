import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { StatementLines } from "~/components/billing/StatementLines";
import { Feedback } from "~/components/Feedback";
import { Notice } from "~/components/Notice";
import { useRefusal } from "~/components/refusal";
import { startCheckout } from "~/modules/billing/checkout.server";
import { readOwnStatement } from "~/modules/billing/resident-statements.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { actorFrom } from "~/modules/kernel/actor";
import { forbidden, notFound, readForm, readParams, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { id } from "~/modules/kernel/input";
import { getOwnResidentRecord } from "~/modules/plans/residents.server";
import { appUrl } from "~/utils/env.server";
import { formatDate, formatMoney, formatMonth } from "~/utils/format";
import { getT, translatedForResidents } from "~/utils/i18n";
import { localeFromRequest } from "~/utils/locale.server";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

/** Residents read their statements in Ukrainian too. */
export const handle = translatedForResidents;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "billing.statements");

const Params = z.object({ statementId: id() });

async function ownStatement(request: Request, params: Record<string, string | undefined>, context: { ip: string }) {
  const access = await requireAccess(request, "resident.self");
  const cusId = requireCentreId(access);
  const { statementId } = readParams(params, Params);
  const record = await getOwnResidentRecord(access.user.id, cusId);
  if (!record) throw notFound();
  const found = await readOwnStatement({ cusId, statementId, payerId: record.id, actor: actorFrom(access, context) });
  if (!found.ok) throw found.reason === "forbidden" ? forbidden() : notFound();
  return { access, cusId, found };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { found } = await ownStatement(request, params, context as { ip: string });
  const s = found.statement;
  return {
    statement: { id: s.id, reference: s.reference, month: s.month, status: s.status, totalGrosze: s.totalGrosze, paidGrosze: s.paidGrosze, refundedGrosze: s.refundedGrosze, dueOn: s.dueOn },
    outstandingGrosze: found.outstandingGrosze,
    lines: found.lines.map((l) => ({ id: l.id, kind: l.kind, description: l.description, serviceDate: l.serviceDate, unitsHundredths: l.unitsHundredths, amountGrosze: l.amountGrosze, explanation: l.explanation })),
    payments: found.money.payments.map((p) => ({ id: p.id, method: p.method, amountGrosze: p.amountGrosze, receivedOn: p.receivedOn })),
  };
}

const PayAction = z.object({ intent: z.literal("pay") });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { access, cusId, found } = await ownStatement(request, params, context as { ip: string });
  const form = await readForm(request, PayAction);
  if (!form.ok) return refuseInput(form, "pay");
  const locale = await localeFromRequest(request, access.user.locale);
  const t = getT(locale);
  const s = found.statement;
  const result = await startCheckout({
    cusId,
    statementId: s.id,
    payerId: s.payerId,
    locale,
    baseUrl: appUrl(request),
    description: `${t("billing.statementFor", { month: formatMonth(s.month, locale) })} — ${s.reference}`,
  });
  if (!result.ok) {
    const message = { not_found: "billing.nothingOwed", nothing_owed: "billing.nothingOwed", below_minimum: "billing.belowMinimum", unavailable: "billing.paymentUnavailable" }[result.reason];
    return refuse("pay", { form: message }, form.values, result.reason === "unavailable" ? 409 : 422);
  }
  return redirect(result.url, 303);
}

export default function ResidentStatement() {
  const { statement, outstandingGrosze, lines, payments } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const refusal = useRefusal();
  const t = useT();
  const locale = useLocale();
  const title = t("billing.statementFor", { month: formatMonth(statement.month, locale) });
  return (
    <>
      <p>
        <Link to="/me#my-statements-title">← {t("billing.back")}</Link>
      </p>
      <h1>{title}</h1>
      {search.get("payment") === "cancelled" && statement.status !== "paid" ? <Notice kind="info">{t("billing.paymentCancelled")}</Notice> : null}
      {refusal.error("pay", "form") ? <Feedback kind="error">{refusal.error("pay", "form")}</Feedback> : null}
      <dl className="statement-summary">
        <dt>{t("billing.reference")}</dt>
        <dd>{statement.reference}</dd>
        <dt>{t("billing.due")}</dt>
        <dd>{formatDate(statement.dueOn, locale)}</dd>
        <dt>{t("billing.desk.status")}</dt>
        <dd>{t(`billing.statusLabels.${statement.status}`)}</dd>
        <dt>{t("billing.total")}</dt>
        <dd>{formatMoney(statement.totalGrosze, locale)}</dd>
        {statement.paidGrosze > 0 ? (
          <>
            <dt>{t("billing.paid")}</dt>
            <dd>{formatMoney(statement.paidGrosze, locale)}</dd>
          </>
        ) : null}
        {statement.refundedGrosze > 0 ? (
          <>
            <dt>{t("billing.refunded")}</dt>
            <dd>{formatMoney(statement.refundedGrosze, locale)}</dd>
          </>
        ) : null}
        <dt>{t("billing.outstanding")}</dt>
        <dd>
          <strong>{formatMoney(outstandingGrosze, locale)}</strong>
        </dd>
      </dl>
      {outstandingGrosze >= 200 ? (
        <Form method="post" reloadDocument>
          <input type="hidden" name="intent" value="pay" />
          <button type="submit" className="button pay-button">
            {t("billing.pay", { amount: formatMoney(outstandingGrosze, locale) })}
          </button>
        </Form>
      ) : outstandingGrosze > 0 ? (
        <p>{t("billing.belowMinimum")}</p>
      ) : null}
      {outstandingGrosze > 0 ? <p>{t("billing.payAtDesk", { reference: statement.reference })}</p> : null}
      <p>
        <a href={`/me/statements/${statement.id}/pdf`}>{t("billing.pdf")}</a>
      </p>
      <StatementLines lines={lines} totalGrosze={statement.totalGrosze} caption={title} />
      {payments.length > 0 ? (
        <ul>
          {payments.map((p) => (
            <li key={p.id}>
              {formatDate(p.receivedOn, locale)} — {t(`billing.methods.${p.method}`)}: {formatMoney(p.amountGrosze, locale)}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
