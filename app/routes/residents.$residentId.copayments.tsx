import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, SelectField } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { useRefusal } from "~/components/refusal";
import { sendPayLink } from "~/modules/billing/pay-links.server";
import { reliefFormSchema } from "~/modules/billing/rule-form";
import { listReliefs, recordRelief, revokeRelief } from "~/modules/billing/rules.server";
import { listPayerStatements, outstandingOf, payerBalance } from "~/modules/billing/statements.server";
import { reliefKinds } from "~/modules/billing/values";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { can } from "~/modules/identity/permissions";
import { actorFrom } from "~/modules/kernel/actor";
import { notFound, readForm, readParams, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { clock } from "~/modules/kernel/clock.server";
import { warsawDate } from "~/modules/kernel/dates";
import { email, id, intents, withoutIntent } from "~/modules/kernel/input";
import { readResidentRecord } from "~/modules/plans/residents.server";
import { appUrl } from "~/utils/env.server";
import { formatDate, formatMoney, formatMonth } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "relief.title");

const Params = z.object({ residentId: id() });

/** A resident's co-payments as the coordinator and finance see them: balance, statements, reliefs, pay links. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "billing.reliefs");
  const cusId = requireCentreId(access);
  const { residentId } = readParams(params, Params);
  const record = await readResidentRecord(cusId, residentId, actorFrom(access, context as { ip: string }));
  if (!record) throw notFound();
  const [balance, statementRows, reliefs] = await Promise.all([payerBalance(cusId, record.id), listPayerStatements(cusId, record.id), listReliefs(cusId, record.id)]);
  return {
    resident: { id: record.id, name: `${record.firstName} ${record.lastName}`, email: record.email },
    today: warsawDate(clock.now()),
    balance,
    back: can(access.membership.role, "plans.manage") ? `/coordinator/residents/${record.id}` : "/finance",
    statements: statementRows.map((s) => ({ id: s.id, month: s.month, reference: s.reference, status: s.status, totalGrosze: s.totalGrosze, outstandingGrosze: outstandingOf(s) })),
    reliefs: reliefs.map((r) => ({ id: r.id, kind: r.kind, evidence: r.evidence, validFrom: r.validFrom, validUntil: r.validUntil, revoked: !!r.revokedAt })),
  };
}

const Action = intents([
  reliefFormSchema.omit({ residentId: true }).extend({ intent: z.literal("relief") }),
  z.object({ intent: z.literal("revoke"), reliefId: id() }),
  z.object({ intent: z.literal("pay-link"), statementId: id(), email: email() }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "billing.reliefs");
  const cusId = requireCentreId(access);
  const { residentId } = readParams(params, Params);
  const actor = actorFrom(access, context as { ip: string });
  const record = await readResidentRecord(cusId, residentId, actor);
  if (!record) throw notFound();
  const form = await readForm(request, Action);
  const formOf = (v: Record<string, unknown>) => (v.intent === "pay-link" ? `pay-link-${String(v.statementId)}` : String(v.intent ?? "relief"));
  if (!form.ok) return refuseInput(form, formOf(form.values));
  const input = form.data;
  const now = clock.now();
  if (input.intent === "relief") {
    const result = await recordRelief({ cusId, residentId: record.id, ...withoutIntent(input), actor, residentInCentre: true });
    if (!result.ok) return refuse("relief", { validUntil: "relief.datesInvalid" }, form.values, 422);
    return done(request, { kind: "success", message: "relief.recorded" });
  }
  if (input.intent === "revoke") {
    if (!(await revokeRelief({ cusId, reliefId: input.reliefId, actor, now }))) throw notFound();
    return done(request, { kind: "success", message: "relief.revoked" });
  }
  const result = await sendPayLink({ cusId, statementId: input.statementId, email: input.email, actor, now, baseUrl: appUrl(request) });
  if (!result.ok && result.reason === "not_found") throw notFound();
  if (!result.ok) return refuse(formOf(form.values), { form: "billing.errors.nothingOwed" }, form.values, 409);
  return done(request, { kind: "success", message: "billing.statementDesk.linkSent" });
}

export default function ResidentCopayments() {
  const d = useLoaderData<typeof loader>();
  const refusal = useRefusal();
  const t = useT();
  const locale = useLocale();
  const b = d.balance;
  return (
    <>
      <p>
        <Link to={d.back}>← {d.resident.name}</Link>
      </p>
      <h1>
        {t("relief.balance")} — {d.resident.name}
      </h1>
      {refusal.error(refusal.refusal?.form ?? "", "form") ? <Feedback kind="error">{refusal.error(refusal.refusal?.form ?? "", "form")}</Feedback> : null}
      <p className="lead">
        {b.owedGrosze > 0 ? t("relief.balanceOwes", { amount: formatMoney(b.owedGrosze, locale) }) : t("relief.balanceZero")}
        {b.creditGrosze > 0 ? ` · ${t("relief.balanceCredit", { amount: formatMoney(b.creditGrosze, locale) })}` : ""}
      </p>

      <section className="panel" aria-labelledby="statements-title">
        <h2 id="statements-title">{t("billing.statements")}</h2>
        {d.statements.length === 0 ? <p>—</p> : null}
        {d.statements.map((s) => (
          <div key={s.id}>
            <p>
              {t("billing.statementFor", { month: formatMonth(s.month, locale) })} ({s.reference}) — {formatMoney(s.totalGrosze, locale)} · {t(`billing.statusLabels.${s.status}`)}
              {s.outstandingGrosze > 0 ? ` · ${t("billing.outstanding")}: ${formatMoney(s.outstandingGrosze, locale)}` : ""}
            </p>
            {s.outstandingGrosze >= 200 ? (
              <details open={refusal.refusal?.form === `pay-link-${s.id}`}>
                <summary>{t("billing.statementDesk.sendLink")}</summary>
                <Form method="post">
                  <input type="hidden" name="intent" value="pay-link" />
                  <input type="hidden" name="statementId" value={s.id} />
                  <Field name="email" id={`pay-link-email-${s.id}`} type="email" label={t("billing.statementDesk.sendLinkTo")} defaultValue={refusal.value(`pay-link-${s.id}`, "email")} error={refusal.error(`pay-link-${s.id}`, "email")} />
                  <button type="submit" className="button">
                    {t("billing.statementDesk.sendLink")}
                  </button>
                </Form>
              </details>
            ) : null}
          </div>
        ))}
      </section>

      <section className="panel" aria-labelledby="reliefs-title">
        <h2 id="reliefs-title">{t("relief.title")}</h2>
        {d.reliefs.length === 0 ? <p>{t("relief.none")}</p> : null}
        <ul>
          {d.reliefs.map((r) => (
            <li key={r.id}>
              <strong>{t(`billing.reliefs.${r.kind}`)}</strong> — {r.evidence}; {formatDate(r.validFrom, locale)} – {r.validUntil ? formatDate(r.validUntil, locale) : "∞"}
              {r.revoked ? ` (${t("relief.revoked")})` : null}
              {r.revoked ? null : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="reliefId" value={r.id} />
                  <button type="submit" className="button button--secondary">
                    {t("relief.revoke")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        <Form method="post">
          <input type="hidden" name="intent" value="relief" />
          <SelectField name="kind" label={t("relief.kind")} defaultValue={refusal.value("relief", "kind", "senior_card")} options={reliefKinds.map((k) => ({ value: k, label: t(`billing.reliefs.${k}`) }))} />
          <Field name="evidence" label={t("relief.evidence")} defaultValue={refusal.value("relief", "evidence")} error={refusal.error("relief", "evidence")} />
          <Field name="validFrom" type="date" label={t("relief.validFrom")} defaultValue={refusal.value("relief", "validFrom", d.today)} error={refusal.error("relief", "validFrom")} />
          <Field name="validUntil" type="date" label={t("relief.validUntil")} defaultValue={refusal.value("relief", "validUntil")} error={refusal.error("relief", "validUntil")} />
          <button type="submit" className="button">
            {t("relief.record")}
          </button>
        </Form>
      </section>
    </>
  );
}
