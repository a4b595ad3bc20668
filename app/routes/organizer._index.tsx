import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CentreCard } from "~/components/CentreCard";
import { ProviderTable } from "~/components/ProviderTable";
import { getCentre, listCentreProviders } from "~/modules/directory/centres.server";
import { findGaps } from "~/modules/directory/gaps.server";
import { listOffersForReview } from "~/modules/directory/offers.server";
import { listProvidersForReview } from "~/modules/directory/providers.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { formatDateTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.home");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "organizer.desk");
  const cusId = requireCentreId(access);
  const [centre, providers, providersToVerify, offersToReview, gaps] = await Promise.all([
    getCentre(cusId),
    listCentreProviders(cusId),
    listProvidersForReview(cusId),
    listOffersForReview(cusId),
    findGaps(cusId),
  ]);
  if (!centre) throw new Response("Not found", { status: 404 });
  return {
    name: access.user.name,
    centre,
    providers,
    providersToVerify: providersToVerify.map((p) => ({ ...p, since: p.since.toISOString() })),
    offersToReview: offersToReview.map((o) => ({ ...o, submittedAt: o.submittedAt?.toISOString() ?? null })),
    gaps,
  };
}

export default function OrganizerHome() {
  const { name, centre, providers, providersToVerify, offersToReview, gaps } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const areaList = (areas: number[]) => areas.map((a) => `${a}. ${t(`areas.${a}` as "areas.1")}`).join("; ");
  return (
    <>
      <h1>{t("home.welcome", { name })}</h1>
      <section className="panel" aria-labelledby="waiting-title">
        <h2 id="waiting-title">{t("desk.waiting")}</h2>
        <h3>{t("desk.providersToVerify")}</h3>
        {providersToVerify.length === 0 ? (
          <p>{t("desk.nothing")}</p>
        ) : (
          <ul className="plain-list">
            {providersToVerify.map((p) => (
              <li key={p.id}>
                <Link to={`/organizer/providers/${p.id}`}>{p.name}</Link> – {t(`legalForms.${p.legalForm}`)}, {p.city} ({formatDateTime(p.since, locale)})
              </li>
            ))}
          </ul>
        )}
        <h3>{t("desk.offersToReview")}</h3>
        {offersToReview.length === 0 ? (
          <p>{t("desk.nothing")}</p>
        ) : (
          <ul className="plain-list">
            {offersToReview.map((o) => (
              <li key={o.offerId}>
                <Link to={`/organizer/offers/${o.offerId}`}>{o.name}</Link> – {o.providerName ?? centre.name}
                {o.submittedAt ? ` (${t("desk.submittedAt")}: ${formatDateTime(o.submittedAt, locale)})` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="gaps-title">
        <h2 id="gaps-title">{t("desk.gaps")}</h2>
        <p>{t("desk.gapsIntro")}</p>
        {gaps.missingAreas.length === 0 && gaps.byGmina.every((g) => g.missingAreas.length === 0) ? (
          <p>{t("desk.noGaps")}</p>
        ) : (
          <ul className="plain-list">
            {gaps.missingAreas.length ? (
              <li>
                <strong>{t("desk.areasWithout")}:</strong> {areaList(gaps.missingAreas)}
              </li>
            ) : null}
            {gaps.byGmina
              .filter((g) => g.missingAreas.length)
              .map((g) => (
                <li key={g.gmina}>
                  <strong>{t("desk.areasWithoutInGmina", { gmina: g.gmina })}:</strong> {areaList(g.missingAreas)}
                </li>
              ))}
          </ul>
        )}
        <p>
          <Link to="/catalogue">{t("desk.catalogue")}</Link>
        </p>
      </section>
      <section className="panel" aria-labelledby="providers-title">
        <h2 id="providers-title">{t("home.providers")}</h2>
        <ProviderTable rows={providers} columns={["legalForm", "city", "status", "contact"]} caption={t("home.providers")} />
      </section>
      <CentreCard centre={centre} headingId="centre-title" heading={t("home.centre")} />
    </>
  );
}
