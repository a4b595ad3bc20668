import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getOfferInternals, getPublicOffer } from "~/modules/directory/catalogue.server";
import { can } from "~/modules/identity/permissions";
import { getSessionContext } from "~/modules/identity/session.server";
import { formatDate, formatMoney } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { translatedForResidents } from "~/utils/i18n";
import { z } from "zod";
import { notFound, readParams } from "~/modules/kernel/boundary.server";
import { id } from "~/modules/kernel/input";

/** Residents read the catalogue in Ukrainian too. */
export const handle = translatedForResidents;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.offer.name} – Portal CUS` : "Portal CUS" }];

const OfferParams = z.object({ offerId: id() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await getPublicOffer(readParams(params, OfferParams).offerId);
  if (!found) throw notFound();
  const session = await getSessionContext(request);
  const staff = !!session?.membership && can(session.membership.role, "catalogue.internal") && session.membership.cusId === found.offer.cusId;
  const r = found.revision;
  const internals = staff ? await getOfferInternals(found.offer.id) : null;
  return {
    staff,
    canReview: staff && can(session!.membership!.role, "directory.review"),
    internals: internals ? { ...internals, publishedAt: internals.publishedAt?.toISOString() ?? null } : null,
    offer: {
      id: found.offer.id,
      name: r.name,
      description: r.description,
      area: r.area,
      category: r.category,
      targetGroups: r.targetGroups,
      eligibility: r.eligibility,
      requiredDocuments: r.requiredDocuments,
      howToApply: r.howToApply,
      deliveryModes: r.deliveryModes,
      groupMode: r.groupMode,
      languages: r.languages,
      unit: r.unit,
      typicalDurationMinutes: r.typicalDurationMinutes,
      limitUnits: r.limitUnits,
      limitPeriodMonths: r.limitPeriodMonths,
      feeLabel: r.feeLabel,
    },
    provider: found.provider ? { id: found.provider.id, name: found.provider.name, phone: found.provider.phone, email: found.provider.email } : null,
    centre: { name: found.centre.name, phone: found.centre.phone, email: found.centre.email },
    places: found.places.map((p) => ({ id: p.id, name: p.name, address: `${p.street}, ${p.postalCode} ${p.city}`, gmina: p.gminaName, accessibility: p.accessibility })),
    packages: found.packages,
  };
}

export default function OfferPage() {
  const { offer, provider, centre, places, packages, internals, canReview } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <article className="offer-page">
      <p>
        <Link to="/catalogue">{t("catalogue.back")}</Link>
      </p>
      {/* Providers write offers in Polish, whatever language the page is in: screen readers need to know. */}
      <h1 lang="pl">{offer.name}</h1>
      <p className="offer-card__meta">
        <span className="badge">{t(`areas.${offer.area}` as "areas.1")}</span> <span className={`badge badge--fee-${offer.feeLabel}`}>{t(`feeLabels.${offer.feeLabel}`)}</span>
        {offer.category ? ` ${offer.category}` : ""}
      </p>
      <p className="lead-text" lang="pl">
        {offer.description}
      </p>
      <div className="grid-2">
        <section className="panel" aria-labelledby="apply-title">
          <h2 id="apply-title">{t("catalogue.howToApply")}</h2>
          <p lang={offer.howToApply ? "pl" : undefined}>{offer.howToApply ?? t("catalogue.howToApplyDefault")}</p>
          <dl className="details">
            <dt>{t("catalogue.centre")}</dt>
            <dd>
              {centre.name}
              {centre.phone ? (
                <>
                  , <a href={`tel:${centre.phone.replace(/\s/g, "")}`}>{centre.phone}</a>
                </>
              ) : null}
            </dd>
            {provider ? (
              <>
                <dt>{t("catalogue.provider")}</dt>
                <dd>
                  <Link to={`/catalogue/providers/${provider.id}`}>{provider.name}</Link>
                </dd>
              </>
            ) : null}
            {offer.eligibility ? (
              <>
                <dt>{t("catalogue.eligibility")}</dt>
                <dd lang="pl">{offer.eligibility}</dd>
              </>
            ) : null}
            {offer.requiredDocuments ? (
              <>
                <dt>{t("catalogue.documents")}</dt>
                <dd>{offer.requiredDocuments}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className="panel" aria-labelledby="terms-title">
          <h2 id="terms-title">{t("offer.terms")}</h2>
          <dl className="details">
            <dt>{t("catalogue.target")}</dt>
            <dd>{offer.targetGroups.map((g) => t(`targetGroups.${g}` as "targetGroups.seniors")).join(", ")}</dd>
            <dt>{t("catalogue.mode")}</dt>
            <dd>
              {offer.deliveryModes.map((m) => t(`deliveryModes.${m}` as "deliveryModes.place")).join(", ")} · {t(`groupModes.${offer.groupMode}` as "groupModes.individual")}
            </dd>
            <dt>{t("catalogue.unit")}</dt>
            <dd>{t(`units.${offer.unit}`)}</dd>
            {offer.typicalDurationMinutes ? (
              <>
                <dt>{t("catalogue.duration")}</dt>
                <dd>{t("catalogue.minutes", { count: offer.typicalDurationMinutes })}</dd>
              </>
            ) : null}
            {offer.limitUnits && offer.limitPeriodMonths ? (
              <>
                <dt>{t("catalogue.limit")}</dt>
                <dd>{t("catalogue.limitValue", { units: offer.limitUnits, unit: t(`units.${offer.unit}`), months: offer.limitPeriodMonths })}</dd>
              </>
            ) : null}
            <dt>{t("catalogue.languages")}</dt>
            <dd>{offer.languages.map((l) => t(`languages.${l}` as "languages.pl")).join(", ")}</dd>
            <dt>{t("catalogue.fee")}</dt>
            <dd>{t(`feeLabels.${offer.feeLabel}`)}</dd>
            {packages.length ? (
              <>
                <dt>{t("catalogue.packages")}</dt>
                <dd>{packages.map((p) => p.name).join(", ")}</dd>
              </>
            ) : null}
          </dl>
        </section>
      </div>
      {places.length ? (
        <section className="panel" aria-labelledby="places-title">
          <h2 id="places-title">{t("catalogue.places")}</h2>
          <ul className="plain-list">
            {places.map((p) => (
              <li key={p.id}>
                <strong>{p.name}</strong>, {p.address} ({p.gmina}) –{" "}
                <a href={`https://www.openstreetmap.org/search?query=${encodeURIComponent(p.address)}`} rel="noopener noreferrer">
                  {t("catalogue.map")}
                  <span className="visually-hidden">: {p.name}</span>
                </a>
                {p.accessibility.length ? <div className="muted">{p.accessibility.map((a) => t(`accessibility.${a}` as "accessibility.lift")).join(", ")}</div> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {internals ? (
        <section className="panel" aria-labelledby="staff-title">
          <h2 id="staff-title">{t("catalogue.staffInfo")}</h2>
          <dl className="details">
            <dt>{t("catalogue.price")}</dt>
            <dd>
              {formatMoney(internals.priceGrosze, locale)} / {t(`units.${offer.unit}`)}
            </dd>
            <dt>{t("catalogue.version")}</dt>
            <dd>
              {t("offer.version", { number: internals.publishedNumber })}
              {internals.publishedAt ? `, ${t("catalogue.publishedOn", { date: formatDate(internals.publishedAt, locale) })}` : ""}
            </dd>
            <dt>{t("catalogue.reviewState")}</dt>
            <dd>{internals.workingStatus ? t("catalogue.changeState", { state: t(`revisionStatus.${internals.workingStatus}` as "revisionStatus.draft") }) : t("catalogue.noChange")}</dd>
            {internals.providerStatus ? (
              <>
                <dt>{t("catalogue.providerStatus")}</dt>
                <dd>{t(`providerStatus.${internals.providerStatus}`)}</dd>
                <dt>{t("home.contactPerson")}</dt>
                <dd>{[internals.contactPerson, internals.phone].filter(Boolean).join(", ") || "—"}</dd>
                <dt>{t("home.nip")}</dt>
                <dd>{internals.nip ?? "—"}</dd>
              </>
            ) : null}
          </dl>
          {canReview ? (
            <p>
              <Link to={`/organizer/offers/${offer.id}`}>{t("catalogue.openReview")}</Link>
            </p>
          ) : null}
        </section>
      ) : null}
    </article>
  );
}
