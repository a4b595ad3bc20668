import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CentreCard } from "~/components/CentreCard";
import { listPlansAwaitingApproval } from "~/modules/plans/plans.server";
import { listAudit } from "~/modules/audit/audit.server";
import { countCentreStaffByRole, getCentre, listCentreProviders } from "~/modules/directory/centres.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { countResidents } from "~/modules/plans/residents.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.home");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "centre.dashboard");
  const cusId = requireCentreId(access);
  const [centre, staff, providers, residents, audit, awaiting] = await Promise.all([
    getCentre(cusId),
    countCentreStaffByRole(cusId),
    listCentreProviders(cusId),
    countResidents(cusId),
    listAudit(cusId, {}),
    listPlansAwaitingApproval(cusId),
  ]);
  if (!centre) throw new Response("Not found", { status: 404 });
  const byStatus = { pending: 0, verified: 0, returned: 0, suspended: 0 };
  for (const p of providers) byStatus[p.status] += 1;
  return {
    name: access.user.name,
    centre,
    staff,
    staffTotal: staff.reduce((sum, s) => sum + s.n, 0),
    providersTotal: providers.length,
    byStatus,
    residents,
    awaiting: awaiting.map((p) => ({ id: p.id, name: `${p.firstName} ${p.lastName}`, validFrom: p.validFrom, validTo: p.validTo })),
    recent: audit.rows.slice(0, 8).map((r) => ({ id: r.id, at: r.at.toISOString(), action: r.action, actorEmail: r.actorEmail })),
  };
}

export default function DirectorHome() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{t("home.welcome", { name: data.name })}</h1>
      <section className="panel" aria-labelledby="awaiting-title">
        <h2 id="awaiting-title">{t("plans.awaitingApproval")}</h2>
        {data.awaiting.length === 0 ? (
          <p>{t("plans.noneAwaiting")}</p>
        ) : (
          <ul className="plain-list">
            {data.awaiting.map((p) => (
              <li key={p.id}>
                <Link to={`/coordinator/plans/${p.id}`}>{p.name}</Link> – {t("plans.period", { from: formatDate(p.validFrom, locale), to: formatDate(p.validTo, locale) })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <ul className="stats" aria-label={t("home.centre")}>
        <li className="stat">
          <span className="stat__value">{data.staffTotal}</span>
          <span className="stat__label">{t("home.teamCount")}</span>
        </li>
        <li className="stat">
          <span className="stat__value">{data.providersTotal}</span>
          <span className="stat__label">{t("home.providersCount")}</span>
        </li>
        <li className="stat">
          <span className="stat__value">{data.residents}</span>
          <span className="stat__label">{t("home.residentsCount")}</span>
        </li>
      </ul>
      <div className="grid-2">
        <CentreCard centre={data.centre} headingId="centre-title" heading={t("home.centre")} />
        <section className="panel" aria-labelledby="team-title">
          <h2 id="team-title">{t("home.team")}</h2>
          <ul className="plain-list">
            {data.staff.map((s) => (
              <li key={s.role}>
                {t(`roles.${s.role}`)}: <strong>{s.n}</strong>
              </li>
            ))}
          </ul>
          <h3>{t("home.byStatus")}</h3>
          <ul className="plain-list">
            {(["verified", "pending", "returned", "suspended"] as const).map((status) => (
              <li key={status}>
                {t(`providerStatus.${status}`)}: <strong>{data.byStatus[status]}</strong>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/centre/staff">{t("home.manageTeam")}</Link>
          </p>
        </section>
      </div>
      <section className="panel" aria-labelledby="events-title">
        <h2 id="events-title">{t("home.recentEvents")}</h2>
        <ul className="plain-list">
          {data.recent.map((r) => (
            <li key={r.id}>
              <time dateTime={r.at}>{formatDateTime(r.at, locale)}</time> – {t(`auditActions.${r.action}` as "auditActions.auth.sign_in", { defaultValue: r.action })}
              {r.actorEmail ? ` – ${r.actorEmail}` : ""}
            </li>
          ))}
        </ul>
        <p>
          <Link to="/centre/audit">{t("home.allEvents")}</Link>
        </p>
      </section>
    </>
  );
}
