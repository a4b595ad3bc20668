import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/Field";
import { listPayments, listRefunds } from "~/modules/billing/payments.server";
import { listOverdue, outstandingOf } from "~/modules/billing/statements.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { readQuery } from "~/modules/kernel/boundary.server";
import { clock } from "~/modules/kernel/clock.server";
import { addDays, addMonths, warsawDate } from "~/modules/kernel/dates";
import { date } from "~/modules/kernel/input";
import { formatDate, formatDateTime, formatMoney } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "billing.desk.payments");

const Query = z.object({ from: z.union([z.literal(""), date()]).default(""), to: z.union([z.literal(""), date()]).default("") });

/** Money received and given back in a period, and who is overdue: what a finance officer checks daily. */
export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "finance.desk");
  const cusId = requireCentreId(access);
  const query = readQuery(request, Query);
  const today = warsawDate(clock.now());
  const from = query.data.from || `${today.slice(0, 7)}-01`;
  const to = query.data.to || addDays(addMonths(from, 1), -1);
  const [payments, refunds, overdue] = await Promise.all([listPayments(cusId, { from, to: addDays(to, 1) }), listRefunds(cusId), listOverdue(cusId)]);
  return {
    from,
    to,
    errors: query.errors,
    totalGrosze: payments.reduce((s, p) => s + p.payment.amountGrosze, 0),
    payments: payments.map((p) => ({ id: p.payment.id, statementId: p.payment.statementId, receivedOn: p.payment.receivedOn, reference: p.reference, payer: `${p.lastName} ${p.firstName}`, method: p.payment.method, amountGrosze: p.payment.amountGrosze, refundedGrosze: p.payment.refundedGrosze, documentNumber: p.payment.documentNumber })),
    refunds: refunds.map((r) => ({ id: r.refund.id, statementId: r.refund.statementId, createdAt: r.refund.createdAt.toISOString(), reference: r.reference, payer: `${r.lastName} ${r.firstName}`, amountGrosze: r.refund.amountGrosze, reason: r.refund.reason, status: r.refund.status, method: r.refund.method })),
    overdue: overdue.map((o) => ({ id: o.statement.id, reference: o.statement.reference, payer: `${o.lastName} ${o.firstName}`, phone: o.phone, dueOn: o.statement.dueOn, outstandingGrosze: outstandingOf(o.statement) })),
  };
}

export default function FinancePayments() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const range = `from=${data.from}&to=${data.to}`;
  return (
    <>
      <h1>{t("billing.desk.payments")}</h1>
      <Form method="get" className="filters">
        <Field name="from" type="date" label={t("audit.from")} defaultValue={data.from} error={data.errors.from ? t("input.date") : undefined} />
        <Field name="to" type="date" label={t("audit.to")} defaultValue={data.to} error={data.errors.to ? t("input.date") : undefined} />
        <button type="submit" className="button">
          {t("billing.desk.show")}
        </button>
      </Form>
      <p>
        {t("billing.total")}: <strong>{formatMoney(data.totalGrosze, locale)}</strong> ·{" "}
        <a href={`/finance/exports/payments.csv?${range}`} download>
          {t("billing.desk.exportCsv")}
        </a>{" "}
        ·{" "}
        <a href={`/finance/exports/payments.xlsx?${range}`} download>
          {t("billing.desk.exportXlsx")}
        </a>
      </p>
      <div className="table-scroll" role="region" aria-labelledby="table-caption" tabIndex={0}>
        <table>
          <caption id="table-caption">{t("billing.desk.payments")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("billing.statementDesk.receivedOn")}</th>
              <th scope="col">{t("billing.reference")}</th>
              <th scope="col">{t("billing.desk.payer")}</th>
              <th scope="col">{t("billing.statementDesk.method")}</th>
              <th scope="col">{t("billing.statementDesk.documentNumber")}</th>
              <th scope="col" className="num">
                {t("billing.amount")}
              </th>
              <th scope="col" className="num">
                {t("billing.refunded")}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.payments.map((p) => (
              <tr key={p.id}>
                <td>{formatDate(p.receivedOn, locale)}</td>
                <td>
                  <Link to={`/finance/statements/${p.statementId}`}>{p.reference}</Link>
                </td>
                <td>{p.payer}</td>
                <td>{t(`billing.methods.${p.method}`)}</td>
                <td>{p.documentNumber}</td>
                <td className="num">{formatMoney(p.amountGrosze, locale)}</td>
                <td className="num">{p.refundedGrosze ? formatMoney(p.refundedGrosze, locale) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="panel" aria-labelledby="overdue-title">
        <h2 id="overdue-title">{t("billing.desk.overdue")}</h2>
        {data.overdue.length === 0 ? <p>—</p> : null}
        <ul>
          {data.overdue.map((o) => (
            <li key={o.id}>
              <Link to={`/finance/statements/${o.id}`}>{o.reference}</Link> — {o.payer}
              {o.phone ? `, ${o.phone}` : ""}: {formatMoney(o.outstandingGrosze, locale)} ({t("billing.due")} {formatDate(o.dueOn, locale)})
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="refunds-title">
        <h2 id="refunds-title">{t("billing.desk.refunds")}</h2>
        {data.refunds.length === 0 ? <p>—</p> : null}
        <ul>
          {data.refunds.map((r) => (
            <li key={r.id}>
              {formatDateTime(r.createdAt, locale)} — <Link to={`/finance/statements/${r.statementId}`}>{r.reference}</Link>, {r.payer}: {formatMoney(r.amountGrosze, locale)} ({t(`billing.methods.${r.method === "stripe" ? "stripe" : "cash"}`)}, {t(`billing.refundStatus.${r.status}`)}) — {r.reason}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
