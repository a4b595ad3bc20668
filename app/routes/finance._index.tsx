import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { statementStatuses } from "~/modules/billing/values";
import { Field, SelectField } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { useRefusal } from "~/components/refusal";
import { getBillingSettings, saveBillingSettings } from "~/modules/billing/billing-settings.server";
import { findStatementByReference } from "~/modules/billing/payments.server";
import { issueStatements, listClosedMonths, listStatements, outstandingOf, STATEMENTS_PAGE_SIZE } from "~/modules/billing/statements.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { actorFrom } from "~/modules/kernel/actor";
import { readForm, readQuery, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { localeFromRequest } from "~/utils/locale.server";
import { clock } from "~/modules/kernel/clock.server";
import { addMonths, warsawDate } from "~/modules/kernel/dates";
import { checkbox, crossCheck, date, int, intents, month, optionalDate, page, text } from "~/modules/kernel/input";
import { formatDate, formatDateTime, formatMoney, formatMonth } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "billing.desk.title");

const DeskQuery = z.object({
  month: z.union([z.literal(""), month()]).default(""),
  status: z.union([z.literal(""), z.enum(statementStatuses)]).default(""),
  q: z.string().trim().max(100).default(""),
  page: page(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "finance.desk");
  const cusId = requireCentreId(access);
  const query = readQuery(request, DeskQuery);
  const today = warsawDate(clock.now());
  // By default the month just ended: the one a finance officer closes at the start of a month.
  const shown = query.data.month || addMonths(`${today.slice(0, 7)}-01`, -1);
  const [list, closed, settings] = await Promise.all([
    listStatements(cusId, { month: shown, status: query.data.status || null, search: query.data.q || null, page: query.data.page }),
    listClosedMonths(cusId),
    getBillingSettings(cusId),
  ]);
  const closedMonth = closed.find((c) => c.month === shown);
  return {
    month: shown,
    today,
    settings,
    filter: { status: query.data.status, q: query.data.q, page: query.data.page },
    monthError: "month" in query.errors,
    closedAt: closedMonth ? closedMonth.closedAt.toISOString() : null,
    counts: list.counts,
    totalGrosze: list.totalGrosze,
    paidGrosze: list.paidGrosze,
    hasMore: list.rows.length === STATEMENTS_PAGE_SIZE,
    rows: list.rows.map((r) => ({ id: r.statement.id, reference: r.statement.reference, payer: `${r.lastName} ${r.firstName}`, status: r.statement.status, totalGrosze: r.statement.totalGrosze, outstandingGrosze: outstandingOf(r.statement), dueOn: r.statement.dueOn })),
  };
}

const DeskAction = intents([
  crossCheck(z.object({ intent: z.literal("issue"), month: month({ message: "billing.errors.monthInvalid" }), issuedOn: date(), dueOn: optionalDate() }), (v, ctx) => {
    if (v.issuedOn < v.month) ctx.addIssue({ code: "custom", path: ["issuedOn"], message: "billing.errors.issuedBeforeMonth" });
    if (v.dueOn && v.dueOn < v.issuedOn) ctx.addIssue({ code: "custom", path: ["dueOn"], message: "input.date" });
  }),
  z.object({ intent: z.literal("match"), title: text({ min: 3, max: 300 }) }),
  z.object({ intent: z.literal("settings"), autoIssue: checkbox(), dueDays: int({ min: 1, max: 90 }) }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "finance.desk");
  const cusId = requireCentreId(access);
  const form = await readForm(request, DeskAction);
  if (!form.ok) return refuseInput(form, String(form.values.intent ?? "issue"));
  const input = form.data;
  if (input.intent === "match") {
    const found = await findStatementByReference(cusId, input.title);
    if (!found) return refuse("match", { title: "billing.statementDesk.notFound" }, form.values, 422);
    return redirect(`/finance/statements/${found.id}`);
  }
  const actor = actorFrom(access, context as { ip: string });
  if (input.intent === "settings") {
    await saveBillingSettings({ cusId, autoIssue: input.autoIssue, dueDays: input.dueDays, actor, now: clock.now() });
    return done(request, { kind: "success", message: "billing.desk.settingsSaved" });
  }
  const result = await issueStatements({ cusId, month: input.month, issuedOn: input.issuedOn, dueOn: input.dueOn ?? undefined, actor, now: clock.now() });
  if (!result.ok) return refuse("issue", { form: result.reason === "already_issued" ? "billing.desk.alreadyIssued" : "billing.errors.issuedBeforeMonth" }, form.values, 409);
  const locale = await localeFromRequest(request, access.user.locale);
  return done(request, { kind: "success", message: "billing.desk.issued", params: { issued: result.issued, carried: result.carried, amount: formatMoney(result.totalGrosze, locale) } });
}

export default function FinanceDesk() {
  const data = useLoaderData<typeof loader>();
  const refusal = useRefusal();
  const t = useT();
  const locale = useLocale();
  const monthLabel = formatMonth(data.month, locale);
  const query = (extra: Record<string, string>) => new URLSearchParams({ month: data.month.slice(0, 7), ...(data.filter.status ? { status: data.filter.status } : {}), ...(data.filter.q ? { q: data.filter.q } : {}), ...extra }).toString();
  return (
    <>
      <h1>
        {t("billing.desk.title")} — {monthLabel}
      </h1>
      <Form method="get" className="filters">
        <Field name="month" type="month" label={t("billing.desk.month")} defaultValue={data.month.slice(0, 7)} error={data.monthError ? t("input.month") : undefined} />
        <SelectField
          name="status"
          label={t("billing.desk.status")}
          defaultValue={data.filter.status}
          options={[{ value: "", label: t("billing.desk.allStatuses") }, ...statementStatuses.map((s) => ({ value: s, label: t(`billing.statusLabels.${s}`) }))]}
        />
        <Field name="q" type="search" label={t("billing.desk.search")} defaultValue={data.filter.q} />
        <button type="submit" className="button">
          {t("billing.desk.show")}
        </button>
      </Form>

      <section className="panel" aria-labelledby="month-summary">
        <h2 id="month-summary">{t("billing.desk.counts")}</h2>
        <p>{t("billing.desk.totals", { total: formatMoney(data.totalGrosze, locale), paid: formatMoney(data.paidGrosze, locale) })}</p>
        <ul className="inline-list">
          {statementStatuses
            .filter((s) => data.counts[s])
            .map((s) => (
              <li key={s}>
                <Link to={`?${query({ status: s })}`}>
                  {t(`billing.statusLabels.${s}`)}: {data.counts[s]}
                </Link>
              </li>
            ))}
        </ul>
        <p>
          <a href={`/finance/exports/statements.csv?month=${data.month.slice(0, 7)}`} download>
            {t("billing.desk.exportCsv")}
          </a>{" "}
          ·{" "}
          <a href={`/finance/exports/statements.xlsx?month=${data.month.slice(0, 7)}`} download>
            {t("billing.desk.exportXlsx")}
          </a>
        </p>
      </section>

      {data.closedAt ? (
        <p>{t("billing.desk.closed", { date: formatDateTime(data.closedAt, locale) })}</p>
      ) : (
        <section className="panel" aria-labelledby="issue-title">
          <h2 id="issue-title">{t("billing.desk.issueTitle")}</h2>
          <p>{t("billing.desk.issueIntro")}</p>
          {refusal.error("issue", "form") ? <Feedback kind="error">{refusal.error("issue", "form")}</Feedback> : null}
          <Form method="post">
            <input type="hidden" name="intent" value="issue" />
            <input type="hidden" name="month" value={data.month.slice(0, 7)} />
            <Field name="issuedOn" type="date" label={t("billing.desk.issuedOn")} defaultValue={refusal.value("issue", "issuedOn", data.today)} error={refusal.error("issue", "issuedOn")} />
            <Field name="dueOn" type="date" label={t("billing.desk.dueOn")} defaultValue={refusal.value("issue", "dueOn")} error={refusal.error("issue", "dueOn")} />
            <button type="submit" className="button">
              {t("billing.desk.issue")} — {monthLabel}
            </button>
          </Form>
        </section>
      )}

      <section className="panel" aria-labelledby="settings-title">
        <h2 id="settings-title">{t("billing.desk.settingsTitle")}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="settings" />
          <div className="field field--checkbox">
            <input type="checkbox" id="autoIssue" name="autoIssue" defaultChecked={data.settings.autoIssue} />
            <label htmlFor="autoIssue">{t("billing.desk.autoIssue")}</label>
          </div>
          <Field name="dueDays" inputMode="numeric" label={t("billing.desk.dueDays")} defaultValue={refusal.value("settings", "dueDays", String(data.settings.dueDays))} error={refusal.error("settings", "dueDays")} />
          <button type="submit" className="button">
            {t("billing.desk.saveSettings")}
          </button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="match-title">
        <h2 id="match-title">{t("billing.statementDesk.matchTransfer")}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="match" />
          <Field name="title" label={t("billing.statementDesk.transferTitle")} defaultValue={refusal.value("match", "title")} error={refusal.error("match", "title")} placeholder="ODP/2026/03/000042" />
          <button type="submit" className="button">
            {t("billing.statementDesk.find")}
          </button>
        </Form>
      </section>

      <div className="table-scroll" role="region" aria-labelledby="table-caption" tabIndex={0}>
        <table>
          <caption id="table-caption">
            {t("billing.statements")} — {monthLabel}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("billing.reference")}</th>
              <th scope="col">{t("billing.desk.payer")}</th>
              <th scope="col">{t("billing.desk.status")}</th>
              <th scope="col">{t("billing.due")}</th>
              <th scope="col" className="num">
                {t("billing.total")}
              </th>
              <th scope="col" className="num">
                {t("billing.outstanding")}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/finance/statements/${r.id}`}>{r.reference}</Link>
                </td>
                <td>{r.payer}</td>
                <td>{t(`billing.statusLabels.${r.status}`)}</td>
                <td>{formatDate(r.dueOn, locale)}</td>
                <td className="num">{formatMoney(r.totalGrosze, locale)}</td>
                <td className="num">{formatMoney(r.outstandingGrosze, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.rows.length === 0 ? <p>{t("billing.desk.none")}</p> : null}
      {data.hasMore ? <Link to={`?${query({ page: String(data.filter.page + 1) })}`}>→</Link> : null}
    </>
  );
}
