import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { StatementLines } from "~/components/billing/StatementLines";
import { Field, SelectField } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { useRefusal } from "~/components/refusal";
import { recordDeskPayment, requestRefund, statementMoney, waiveStatement } from "~/modules/billing/payments.server";
import { getStatement, outstandingOf } from "~/modules/billing/statements.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { actorFrom } from "~/modules/kernel/actor";
import { notFound, readForm, readParams, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { clock } from "~/modules/kernel/clock.server";
import { warsawDate } from "~/modules/kernel/dates";
import { choice, date, id, intents, money, optionalText, text } from "~/modules/kernel/input";
import { formatDate, formatDateTime, formatMoney, formatMonth } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "billing.desk.title");

const Params = z.object({ statementId: id() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "finance.desk");
  const cusId = requireCentreId(access);
  const { statementId } = readParams(params, Params);
  const found = await getStatement(cusId, statementId);
  if (!found) throw notFound();
  const money = await statementMoney(found.statement.id);
  const s = found.statement;
  return {
    today: warsawDate(clock.now()),
    statement: { id: s.id, reference: s.reference, month: s.month, status: s.status, totalGrosze: s.totalGrosze, paidGrosze: s.paidGrosze, refundedGrosze: s.refundedGrosze, issuedOn: s.issuedOn, dueOn: s.dueOn, waivedReason: s.waivedReason },
    payer: `${found.payerFirstName} ${found.payerLastName}`,
    payerId: s.payerId,
    outstandingGrosze: outstandingOf(s),
    lines: found.lines.map((l) => ({ id: l.id, kind: l.kind, description: l.description, serviceDate: l.serviceDate, unitsHundredths: l.unitsHundredths, amountGrosze: l.amountGrosze, explanation: l.explanation })),
    payments: money.payments.map((p) => ({ id: p.id, method: p.method, amountGrosze: p.amountGrosze, refundedGrosze: p.refundedGrosze, receivedOn: p.receivedOn, documentNumber: p.documentNumber, paidWith: p.paidWith, createdAt: p.createdAt.toISOString(), by: p.recordedByName })),
    refunds: money.refunds.map((r) => ({ id: r.id, method: r.method, amountGrosze: r.amountGrosze, reason: r.reason, status: r.status, createdAt: r.createdAt.toISOString(), by: r.requestedByName })),
  };
}

const positive = money({ message: "billing.errors.amountPositive" }).refine((g) => g > 0, "billing.errors.amountPositive");

const StatementAction = intents([
  z.object({ intent: z.literal("pay"), method: choice(["cash", "transfer"]), amount: positive, receivedOn: date(), documentNumber: optionalText({ max: 100 }) }),
  z.object({ intent: z.literal("refund"), paymentId: id(), amount: positive, reason: text({ min: 3, max: 500, message: "billing.errors.reasonRequired" }) }),
  z.object({ intent: z.literal("waive"), reason: text({ min: 3, max: 500, message: "billing.errors.reasonRequired" }) }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "finance.desk");
  const cusId = requireCentreId(access);
  const { statementId } = readParams(params, Params);
  const form = await readForm(request, StatementAction);
  const formOf = (v: Record<string, unknown>) => (v.intent === "refund" ? `refund-${String(v.paymentId)}` : String(v.intent ?? "pay"));
  if (!form.ok) return refuseInput(form, formOf(form.values));
  const input = form.data;
  const actor = actorFrom(access, context as { ip: string });
  const now = clock.now();
  if (input.intent === "pay") {
    const result = await recordDeskPayment({ cusId, statementId, method: input.method, amountGrosze: input.amount, receivedOn: input.receivedOn, documentNumber: input.documentNumber, actor, now });
    if (!result.ok && result.reason === "not_found") throw notFound();
    if (!result.ok) return refuse("pay", { form: result.reason === "closed" ? "billing.errors.closed" : "billing.errors.amountPositive" }, form.values, 409);
    return done(request, { kind: "success", message: "billing.statementDesk.recorded" });
  }
  if (input.intent === "refund") {
    const result = await requestRefund({ cusId, paymentId: input.paymentId, amountGrosze: input.amount, reason: input.reason, actor, now });
    if (!result.ok && result.reason === "not_found") throw notFound();
    if (!result.ok && result.reason === "above_payment") return refuse(formOf(form.values), { amount: `billing.errors.aboveRefundable:${formatMoney(result.maxGrosze ?? 0)}` }, form.values, 422);
    if (!result.ok) return refuse(formOf(form.values), { amount: "billing.errors.amountPositive" }, form.values, 422);
    return done(request, { kind: "success", message: result.method === "stripe" ? "billing.statementDesk.refundQueued" : "billing.statementDesk.refundDone" });
  }
  const result = await waiveStatement({ cusId, statementId, reason: input.reason, actor, now });
  if (!result.ok && result.reason === "not_found") throw notFound();
  if (!result.ok) return refuse("waive", { form: "billing.errors.nothingOwed" }, form.values, 409);
  return done(request, { kind: "success", message: "billing.statementDesk.waived" });
}

export default function FinanceStatement() {
  const data = useLoaderData<typeof loader>();
  const refusal = useRefusal();
  const t = useT();
  const locale = useLocale();
  const s = data.statement;
  const title = `${s.reference} — ${data.payer}`;
  return (
    <>
      <p>
        <Link to={`/finance?month=${s.month.slice(0, 7)}`}>← {t("billing.desk.title")} — {formatMonth(s.month, locale)}</Link>
      </p>
      <h1>{title}</h1>
      <p>
        <Link to={`/residents/${data.payerId}/copayments`}>{t("relief.open")}</Link>
      </p>
      {refusal.error(refusal.refusal?.form ?? "", "form") ? <Feedback kind="error">{refusal.error(refusal.refusal?.form ?? "", "form")}</Feedback> : null}
      <dl className="statement-summary">
        <dt>{t("billing.desk.status")}</dt>
        <dd>
          {t(`billing.statusLabels.${s.status}`)}
          {s.waivedReason ? ` — ${s.waivedReason}` : ""}
        </dd>
        <dt>{t("billing.desk.issuedOn")}</dt>
        <dd>{formatDate(s.issuedOn, locale)}</dd>
        <dt>{t("billing.due")}</dt>
        <dd>{formatDate(s.dueOn, locale)}</dd>
        <dt>{t("billing.total")}</dt>
        <dd>{formatMoney(s.totalGrosze, locale)}</dd>
        <dt>{t("billing.paid")}</dt>
        <dd>{formatMoney(s.paidGrosze, locale)}</dd>
        <dt>{t("billing.refunded")}</dt>
        <dd>{formatMoney(s.refundedGrosze, locale)}</dd>
        <dt>{t("billing.outstanding")}</dt>
        <dd>
          <strong>{formatMoney(data.outstandingGrosze, locale)}</strong>
        </dd>
      </dl>
      <p>
        <a href={`/finance/statements/${s.id}/pdf`}>{t("billing.pdf")}</a>
      </p>
      <StatementLines lines={data.lines} totalGrosze={s.totalGrosze} caption={t("billing.statementFor", { month: formatMonth(s.month, locale) })} />

      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">{t("billing.statementDesk.history")}</h2>
        {data.payments.length === 0 ? <p>—</p> : null}
        {data.payments.map((p) => (
          <div key={p.id} className="payment">
            <p>
              {formatDate(p.receivedOn, locale)} — {t(`billing.methods.${p.method}`)}
              {p.paidWith ? ` (${p.paidWith})` : ""}: <strong>{formatMoney(p.amountGrosze, locale)}</strong>
              {p.documentNumber ? `, ${p.documentNumber}` : ""}
              {p.refundedGrosze ? ` · ${t("billing.refunded")}: ${formatMoney(p.refundedGrosze, locale)}` : ""}
              {` · ${t("billing.statementDesk.recordedBy", { name: p.by ?? t("billing.methods.stripe"), when: formatDateTime(p.createdAt, locale) })}`}
            </p>
            {p.refundedGrosze < p.amountGrosze ? (
              <details>
                <summary>{t("billing.statementDesk.refund")}</summary>
                <Form method="post">
                  <input type="hidden" name="intent" value="refund" />
                  <input type="hidden" name="paymentId" value={p.id} />
                  <Field name="amount" id={`refund-amount-${p.id}`} label={t("billing.statementDesk.refundAmount")} inputMode="decimal" defaultValue={refusal.value(`refund-${p.id}`, "amount")} error={refusal.error(`refund-${p.id}`, "amount")} />
                  <Field name="reason" id={`refund-reason-${p.id}`} label={t("billing.statementDesk.refundReason")} defaultValue={refusal.value(`refund-${p.id}`, "reason")} error={refusal.error(`refund-${p.id}`, "reason")} />
                  <button type="submit" className="button">
                    {t("billing.statementDesk.doRefund")}
                  </button>
                </Form>
              </details>
            ) : null}
          </div>
        ))}
        {data.refunds.length > 0 ? (
          <ul>
            {data.refunds.map((r) => (
              <li key={r.id}>
                {formatDateTime(r.createdAt, locale)} — {t("billing.statementDesk.refund")} {formatMoney(r.amountGrosze, locale)} ({t(`billing.methods.${r.method === "stripe" ? "stripe" : "cash"}`)}, {t(`billing.refundStatus.${r.status}`)}): {r.reason}{r.by ? ` — ${r.by}` : ""}
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      {data.outstandingGrosze > 0 ? (
        <>
          <section className="panel" aria-labelledby="pay-title">
            <h2 id="pay-title">{t("billing.statementDesk.recordPayment")}</h2>
            <Form method="post">
              <input type="hidden" name="intent" value="pay" />
              <SelectField name="method" label={t("billing.statementDesk.method")} defaultValue={refusal.value("pay", "method", "cash")} options={[{ value: "cash", label: t("billing.methods.cash") }, { value: "transfer", label: t("billing.methods.transfer") }]} />
              <Field name="amount" label={t("billing.statementDesk.amount")} inputMode="decimal" defaultValue={refusal.value("pay", "amount", (data.outstandingGrosze / 100).toFixed(2).replace(".", ","))} error={refusal.error("pay", "amount")} />
              <Field name="receivedOn" type="date" label={t("billing.statementDesk.receivedOn")} defaultValue={refusal.value("pay", "receivedOn", data.today)} error={refusal.error("pay", "receivedOn")} />
              <Field name="documentNumber" label={t("billing.statementDesk.documentNumber")} defaultValue={refusal.value("pay", "documentNumber")} error={refusal.error("pay", "documentNumber")} />
              <button type="submit" className="button">
                {t("billing.statementDesk.record")}
              </button>
            </Form>
          </section>
          <section className="panel" aria-labelledby="waive-title">
            <h2 id="waive-title">{t("billing.statementDesk.waive")}</h2>
            <Form method="post">
              <input type="hidden" name="intent" value="waive" />
              <Field name="reason" id="waive-reason" label={t("billing.statementDesk.waiveReason")} defaultValue={refusal.value("waive", "reason")} error={refusal.error("waive", "reason")} />
              <button type="submit" className="button button--secondary">
                {t("billing.statementDesk.doWaive")}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}
