import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getPublicProvider } from "~/modules/directory/catalogue.server";
import { useT } from "~/utils/i18n-react";
import { translatedForResidents } from "~/utils/i18n";
import { z } from "zod";
import { notFound, readParams } from "~/modules/kernel/boundary.server";
import { id } from "~/modules/kernel/input";

/** Residents read the catalogue in Ukrainian too. */
export const handle = translatedForResidents;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.provider.name} – Portal CUS` : "Portal CUS" }];

const ProviderParams = z.object({ providerId: id() });

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await getPublicProvider(readParams(params, ProviderParams).providerId);
  if (!found) throw notFound();
  const p = found.provider;
  return {
    provider: { name: p.name, legalForm: p.legalForm, subtype: p.subtype, description: p.description, email: p.email, phone: p.phone, website: p.website, address: `${p.street ?? ""}, ${p.postalCode ?? ""} ${p.city}` },
    offers: found.offers,
    places: found.places.map((l) => ({ id: l.id, name: l.name, address: `${l.street}, ${l.postalCode} ${l.city}` })),
  };
}

export default function ProviderPage() {
  const { provider, offers, places } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p>
        <Link to="/catalogue">{t("catalogue.back")}</Link>
      </p>
      <h1>{provider.name}</h1>
      <p className="muted">
        {t(`legalForms.${provider.legalForm}`)}
        {provider.subtype ? ` (${provider.subtype})` : ""}
      </p>
      {provider.description ? <p className="lead-text">{provider.description}</p> : null}
      <section className="panel" aria-labelledby="contact-title">
        <h2 id="contact-title">{t("home.contact")}</h2>
        <dl className="details">
          <dt>{t("home.address")}</dt>
          <dd>{provider.address}</dd>
          <dt>{t("home.email")}</dt>
          <dd>
            <a href={`mailto:${provider.email}`}>{provider.email}</a>
          </dd>
          {provider.phone ? (
            <>
              <dt>{t("home.phone")}</dt>
              <dd>
                <a href={`tel:${provider.phone.replace(/\s/g, "")}`}>{provider.phone}</a>
              </dd>
            </>
          ) : null}
          {provider.website ? (
            <>
              <dt>{t("home.website")}</dt>
              <dd>
                <a href={provider.website} rel="noopener noreferrer">
                  {provider.website}
                </a>
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="panel" aria-labelledby="offers-title">
        <h2 id="offers-title">{t("catalogue.providerOffers")}</h2>
        <ul className="plain-list">
          {offers.map((o) => (
            <li key={o.offerId}>
              <Link to={`/catalogue/${o.offerId}`}>{o.name}</Link> – {t(`areas.${o.area}` as "areas.1")}, {t(`feeLabels.${o.feeLabel}`)}
            </li>
          ))}
        </ul>
      </section>
      {places.length ? (
        <section className="panel" aria-labelledby="places-title">
          <h2 id="places-title">{t("catalogue.places")}</h2>
          <ul className="plain-list">
            {places.map((p) => (
              <li key={p.id}>
                {p.name}, {p.address}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
