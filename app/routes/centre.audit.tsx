import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listAudit, listAuditActions } from "~/modules/audit/audit.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { readQuery } from "~/modules/kernel/boundary.server";
import { addDays, warsawInstant } from "~/modules/kernel/dates";
import { date, page } from "~/modules/kernel/input";
import { formatDateTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { Notice } from "~/components/Notice";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "audit.title");

/** The log's filters. A day means that day in Warsaw; a date that is not one is named, not silently dropped. */
const AuditQuery = z.object({
  action: z.string().trim().max(100).default(""),
  actor: z.string().trim().max(200).default(""),
  from: z.union([z.literal(""), date({ min: "2000-01-01" })]).default(""),
  to: z.union([z.literal(""), date({ min: "2000-01-01" })]).default(""),
  page: page(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "audit.read");
  const cusId = requireCentreId(access);
  const query = readQuery(request, AuditQuery);
  const filter = query.data;
  const badDates = "from" in query.errors || "to" in query.errors;
  const from = filter.from ? warsawInstant(filter.from) : undefined;
  const to = filter.to ? warsawInstant(addDays(filter.to, 1)) : undefined;
  const [result, actions] = await Promise.all([
    listAudit(cusId, { action: filter.action || undefined, actor: filter.actor || undefined, from, to, page: filter.page }),
    listAuditActions(cusId),
  ]);
  return {
    // The filter form shows what was typed, a wrong date included, next to its message.
    filter: { ...filter, from: badDates ? String(query.values.from ?? "") : filter.from, to: badDates ? String(query.values.to ?? "") : filter.to },
    badDates,
    actions,
    hasMore: result.hasMore,
    rows: result.rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      action: r.action,
      actorEmail: r.actorEmail,
      entityType: r.entityType,
      entityId: r.entityId,
      ip: r.ip,
      before: r.before ? JSON.stringify(r.before) : null,
      after: r.after ? JSON.stringify(r.after) : null,
    })),
  };
}

export default function AuditLog() {
  const { filter, rows, actions, hasMore, badDates } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const actionLabel = (a: string) => t(`auditActions.${a}` as "auditActions.auth.sign_in", { defaultValue: a });
  const pageLink = (page: number) => {
    const params = new URLSearchParams({ ...filter, page: String(page) });
    return `?${params.toString()}`;
  };
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <Form method="get" className="panel filters" aria-labelledby="filters-title">
        <h2 id="filters-title">{t("audit.filters")}</h2>
        {badDates ? <Notice kind="error">{t("audit.badDate")}</Notice> : null}
        <div className="filters__grid">
          <div className="field">
            <label htmlFor="f-action">{t("audit.action")}</label>
            <select id="f-action" name="action" defaultValue={filter.action}>
              <option value="">{t("audit.anyAction")}</option>
              {actions.map((a) => (
                <option key={a} value={a}>
                  {actionLabel(a)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-actor">{t("audit.actor")}</label>
            <input id="f-actor" name="actor" type="search" defaultValue={filter.actor} />
          </div>
          <div className="field">
            <label htmlFor="f-from">{t("audit.from")}</label>
            <input id="f-from" name="from" type="date" defaultValue={filter.from} />
          </div>
          <div className="field">
            <label htmlFor="f-to">{t("audit.to")}</label>
            <input id="f-to" name="to" type="date" defaultValue={filter.to} />
          </div>
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary">
            {t("audit.apply")}
          </button>
          <Link to="/centre/audit">{t("audit.clear")}</Link>
        </div>
      </Form>
      {rows.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>
              {t("audit.title")} – {t("audit.page", { page: filter.page })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.record")}</th>
                <th scope="col">{t("audit.ip")}</th>
                <th scope="col">{t("audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <time dateTime={r.at}>{formatDateTime(r.at, locale)}</time>
                  </td>
                  <td>{r.actorEmail ?? "—"}</td>
                  <td>{actionLabel(r.action)}</td>
                  <td>
                    {r.entityType}
                    {r.entityId ? <code className="id"> {r.entityId.slice(0, 8)}</code> : null}
                  </td>
                  <td>{r.ip ?? "—"}</td>
                  <td className="audit-details">
                    {r.before ? <div>− {r.before}</div> : null}
                    {r.after ? <div>+ {r.after}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pagination" aria-label={t("audit.title")}>
        {filter.page > 1 ? <Link to={pageLink(filter.page - 1)}>{t("audit.previous")}</Link> : null}
        {hasMore ? <Link to={pageLink(filter.page + 1)}>{t("audit.next")}</Link> : null}
      </nav>
    </>
  );
}
