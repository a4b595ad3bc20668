import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { useRefusal } from "~/components/refusal";
import { linesForView, SettlementLines } from "~/components/SettlementLines";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { actorFrom } from "~/modules/kernel/actor";
import { forbidden, notFound, readForm, readParams, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { clock } from "~/modules/kernel/clock.server";
import { choice, date, id, many, optionalText, text } from "~/modules/kernel/input";
import { answerStatement, getProviderStatement, isAnotherProvidersStatement } from "~/modules/settlements/runs.server";
import { formatDate, formatMonth } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "settlements.mine");

const Params = z.object({ statementId: id() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "provider.statements");
  const providerId = requireProviderId(access);
  const { statementId } = readParams(params, Params);
  const found = await getProviderStatement({ providerId }, statementId);
  // Another provider's statement is refused (and noted); one not yet sent is not there for this provider.
  if (!found) throw (await isAnotherProvidersStatement(statementId, providerId)) ? forbidden() : notFound();
  return { statement: { id: found.s.id, reference: found.s.reference, status: found.s.status, totalGrosze: found.s.totalGrosze, invoiceNumber: found.s.invoiceNumber, ksefNumber: found.s.ksefNumber, invoiceDate: found.s.invoiceDate, paidOn: found.s.paidOn, method: found.s.paymentMethod }, month: found.month, lines: linesForView(found.lines) };
}

const Answer = z.object({
  lineId: many(id(), { max: 200 }),
  answer: many(choice(["accepted", "disputed"], { message: "settlements.answerRequired" }), { max: 200 }),
  reason: many(z.string().max(1000), { max: 200 }),
  invoiceNumber: text({ min: 1, max: 60, message: "settlements.invoiceRequired" }),
  ksefNumber: optionalText({ max: 60 }),
  invoiceDate: date({ min: "2000-01-01" }),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "provider.statements");
  const providerId = requireProviderId(access);
  const { statementId } = readParams(params, Params);
  const form = await readForm(request, Answer);
  if (!form.ok) return refuseInput(form, "answer");
  const v = form.data;
  const answered = await answerStatement({
    statementId,
    providerId,
    answer: { lines: v.lineId.map((lineId, i) => ({ lineId, answer: v.answer[i] ?? "accepted", reason: v.reason[i]?.trim() || null })), invoiceNumber: v.invoiceNumber, ksefNumber: v.ksefNumber, invoiceDate: v.invoiceDate },
    actor: actorFrom(access, context),
    now: clock.now(),
  });
  if (!answered.ok && answered.reason === "not_found") throw notFound();
  if (!answered.ok) return refuse("answer", answered.reason === "invoice_date" ? { invoiceDate: "settlements.invoice_date" } : answered.reason === "reason_required" ? { reason: "settlements.reason_required" } : { form: `settlements.${answered.reason === "lines" ? "answerRequired" : answered.reason}` }, form.values, 409);
  return done(request, { kind: "success", message: "settlements.answered" });
}

export default function ProviderStatement() {
  const d = useLoaderData<typeof loader>();
  const refusal = useRefusal();
  const t = useT();
  const locale = useLocale();
  const s = d.statement;
  const open = s.status === "sent";
  const typed = (field: string, i: number, fallback: string) => (refusal.of("answer") ? (refusal.list("answer", field)[i] ?? fallback) : fallback);
  return (
    <>
      <p>
        <Link to="/provider/statements">{t("settlements.mine")}</Link>
      </p>
      <h1>{t("settlements.statement", { reference: s.reference })}</h1>
      {refusal.error("answer", "form") ? <Feedback kind="error">{refusal.error("answer", "form")}</Feedback> : null}
      <dl className="facts">
        <dt>{t("settlements.month")}</dt>
        <dd>{formatMonth(d.month, locale)}</dd>
        <dt>{t("settlements.status")}</dt>
        <dd>
          {t(`settlements.statuses.${s.status}`)}
          {s.paidOn ? ` — ${t("settlements.paid", { date: formatDate(s.paidOn, locale) })}` : ""}
        </dd>
        {s.invoiceNumber ? (
          <>
            <dt>{t("settlements.invoice")}</dt>
            <dd>
              {s.invoiceNumber}
              {s.ksefNumber ? ` · KSeF ${s.ksefNumber}` : ""}
              {s.invoiceDate ? ` · ${formatDate(s.invoiceDate, locale)}` : ""}
            </dd>
          </>
        ) : null}
      </dl>
      {open ? (
        <Form method="post">
          <SettlementLines
            lines={d.lines}
            totalGrosze={s.totalGrosze}
            action={(line, i) => (
              <>
                <input type="hidden" name="lineId" value={line.id} />
                <label htmlFor={`answer-${line.id}`}>{t("settlements.answer")}</label>
                <select id={`answer-${line.id}`} name="answer" defaultValue={typed("answer", i, "accepted")}>
                  <option value="accepted">{t("settlements.answers.accepted")}</option>
                  <option value="disputed">{t("settlements.answers.disputed")}</option>
                </select>
                <Field id={`reason-${line.id}`} name="reason" label={t("settlements.disputeReason")} defaultValue={typed("reason", i, "")} error={refusal.error("answer", "reason")} />
              </>
            )}
          />
          <Field name="invoiceNumber" label={t("settlements.invoiceNumber")} defaultValue={refusal.value("answer", "invoiceNumber")} error={refusal.error("answer", "invoiceNumber")} />
          <Field name="ksefNumber" label={t("settlements.ksefNumber")} defaultValue={refusal.value("answer", "ksefNumber")} error={refusal.error("answer", "ksefNumber")} />
          <Field name="invoiceDate" type="date" label={t("settlements.invoiceDate")} defaultValue={refusal.value("answer", "invoiceDate")} error={refusal.error("answer", "invoiceDate")} />
          <button type="submit" className="button">
            {t("settlements.submit")}
          </button>
        </Form>
      ) : (
        <SettlementLines lines={d.lines} totalGrosze={s.totalGrosze} />
      )}
    </>
  );
}
