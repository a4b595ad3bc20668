import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { useRefusal } from "~/components/refusal";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { actorFrom } from "~/modules/kernel/actor";
import { notFound, readForm, readParams, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { clock } from "~/modules/kernel/clock.server";
import { warsawDate } from "~/modules/kernel/dates";
import { date, id, intents } from "~/modules/kernel/input";
import { formatNrb } from "~/modules/kernel/nrb";
import { getTreasuryAccount } from "~/modules/settlements/payout-accounts.server";
import { approveRun, getRun, markBankPaid, openSettlementRun, retryPayment, sendRun } from "~/modules/settlements/runs.server";
import { formatDate, formatMonth, formatMoney } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "settlements.title");

const Params = z.object({ runId: id() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "settlements.manage");
  const cusId = requireCentreId(access);
  const { runId } = readParams(params, Params);
  const [found, treasury] = await Promise.all([getRun(cusId, runId), getTreasuryAccount(cusId)]);
  if (!found) throw notFound();
  return {
    run: { id: found.run.id, month: found.run.month, preparedByMe: found.statements.some((s) => s.s.status === "accepted" && s.s.preparedBy === access.user.id) },
    statements: found.statements.map((s) => ({ id: s.s.id, reference: s.s.reference, provider: s.providerName, nip: s.nip, status: s.s.status, totalGrosze: s.s.totalGrosze, invoiceNumber: s.s.invoiceNumber, method: s.s.paymentMethod, paidOn: s.s.paidOn, failure: s.s.failureReason })),
    treasury: treasury ? formatNrb(treasury.nrb) : null,
    today: warsawDate(clock.now()),
  };
}

const Action = intents([
  z.object({ intent: z.literal("refresh") }),
  z.object({ intent: z.literal("send") }),
  z.object({ intent: z.literal("approve") }),
  z.object({ intent: z.literal("retry"), statementId: id() }),
  z.object({ intent: z.literal("bank-paid"), paidOn: date() }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "settlements.manage");
  const cusId = requireCentreId(access);
  const { runId } = readParams(params, Params);
  const actor = actorFrom(access, context);
  const found = await getRun(cusId, runId);
  if (!found) throw notFound();
  const form = await readForm(request, Action);
  if (!form.ok) return refuseInput(form, String(form.values.intent ?? "run"));
  const now = clock.now();
  switch (form.data.intent) {
    case "refresh":
      await openSettlementRun({ cusId, month: found.run.month, actor, now });
      return done(request, { kind: "success", message: "settlements.opened" });
    case "send":
      await sendRun({ cusId, runId, actor, now });
      return done(request, { kind: "success", message: "settlements.sent" });
    case "approve": {
      const approved = await approveRun({ cusId, runId, actor, now });
      return approved.ok ? done(request, { kind: "success", message: "settlements.approved" }) : refuse("run", { form: `settlements.${approved.reason}` }, form.values, 409);
    }
    case "retry": {
      const retried = await retryPayment({ cusId, statementId: form.data.statementId, actor });
      if (!retried.ok) throw notFound();
      return done(request, { kind: "success", message: "settlements.retried" });
    }
    case "bank-paid": {
      const paid = await markBankPaid({ cusId, runId, paidOn: form.data.paidOn, actor, now });
      if (!paid.ok && paid.reason === "not_found") throw notFound();
      if (!paid.ok) return refuse("bank", { paidOn: "settlements.paidOnInvalid" }, form.values);
      return paid.paid > 0 ? done(request, { kind: "success", message: "settlements.markedPaid" }) : refuse("bank", { form: "settlements.nothing" }, form.values, 409);
    }
  }
}

export default function SettlementRunPage() {
  const d = useLoaderData<typeof loader>();
  const refusal = useRefusal();
  const t = useT();
  const locale = useLocale();
  // What the treasurer still has to pay: approved, by bank, not yet marked paid.
  const bank = d.statements.filter((s) => s.method === "bank" && s.status === "approved");
  const runError = refusal.error("run", "form");
  return (
    <>
      <p>
        <Link to="/finance/settlements">{t("settlements.runs")}</Link>
      </p>
      <h1>
        {t("settlements.title")}: {formatMonth(d.run.month, locale)}
      </h1>
      {runError ? <Feedback kind="error">{runError}</Feedback> : null}
      <div className="button-row">
        {(["refresh", "send", "approve"] as const).map((intent) => (
          <Form method="post" key={intent}>
            <input type="hidden" name="intent" value={intent} />
            <button type="submit" className={intent === "approve" ? "button" : "button button--secondary"}>
              {t(`settlements.${intent}`)}
            </button>
          </Form>
        ))}
      </div>
      {d.run.preparedByMe ? <p>{t("settlements.four_eyes")}</p> : null}
      <section className="panel" aria-labelledby="statements-title">
        <h2 id="statements-title">{t("settlements.statements")}</h2>
        {d.statements.length === 0 ? (
          <p>{t("settlements.noStatements")}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="statements-title" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("settlements.reference")}</th>
                  <th scope="col">{t("contracts.provider")}</th>
                  <th scope="col">{t("settlements.total")}</th>
                  <th scope="col">{t("settlements.status")}</th>
                  <th scope="col">{t("settlements.invoice")}</th>
                  <th scope="col">{t("settlements.method")}</th>
                </tr>
              </thead>
              <tbody>
                {d.statements.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`/finance/settlements/statements/${s.id}`}>{s.reference}</Link>
                    </td>
                    <td>
                      {s.provider}
                      <br />
                      <small>NIP {s.nip}</small>
                    </td>
                    <td>{formatMoney(s.totalGrosze, locale)}</td>
                    <td>
                      {t(`settlements.statuses.${s.status}`)}
                      {s.paidOn ? <p>{t("settlements.paid", { date: formatDate(s.paidOn, locale) })}</p> : null}
                      {s.failure ? <p>{s.failure === "no_payout_account" ? t("settlements.no_payout_account") : t("settlements.failure", { reason: s.failure })}</p> : null}
                    </td>
                    <td>{s.invoiceNumber ?? "—"}</td>
                    <td>
                      {s.method ? t(`settlements.methods.${s.method}`) : s.status === "approved" || s.status === "failed" ? t("settlements.methods.none") : "—"}
                      {s.status === "failed" || (s.status === "approved" && !s.method) ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="retry" />
                          <input type="hidden" name="statementId" value={s.id} />
                          <button type="submit" className="button button--secondary">
                            {t("settlements.retry")}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="bank-title">
        <h2 id="bank-title">{t("settlements.bankFile")}</h2>
        {!d.treasury ? (
          <p>{t("settlements.noTreasury")}</p>
        ) : bank.length === 0 ? (
          <p>{t("settlements.nothing")}</p>
        ) : (
          <>
            <p>{t("settlements.bankFileIntro", { account: d.treasury })}</p>
            <ul className="plain-list">
              {bank.map((s) => (
                <li key={s.id}>
                  {s.reference} — {s.provider}: {formatMoney(s.totalGrosze, locale)}
                </li>
              ))}
            </ul>
            <p>
              <a href={`/finance/settlements/${d.run.id}/bank-file?format=elixir&date=${d.today}`} download>
                {t("settlements.downloadElixir")}
              </a>{" "}
              ·{" "}
              <a href={`/finance/settlements/${d.run.id}/bank-file?format=csv&date=${d.today}`} download>
                {t("settlements.downloadCsv")}
              </a>
            </p>
            {refusal.error("bank", "form") ? <Feedback kind="error">{refusal.error("bank", "form")}</Feedback> : null}
            <Form method="post">
              <input type="hidden" name="intent" value="bank-paid" />
              <Field name="paidOn" type="date" label={t("settlements.paidOn")} defaultValue={refusal.value("bank", "paidOn", d.today)} error={refusal.error("bank", "paidOn")} />
              <button type="submit" className="button">
                {t("settlements.markPaid")}
              </button>
            </Form>
          </>
        )}
      </section>
    </>
  );
}
