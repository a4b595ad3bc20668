import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { FilterSelect } from "~/components/FilterSelect";
import { accessibilityFeatures, deliveryModes, offerLanguages, providerLegalForms, statutoryAreas, targetGroups } from "~/modules/directory/areas";
import { catalogueChoices, searchCatalogue } from "~/modules/directory/catalogue.server";
import { catalogueQuery } from "~/modules/directory/catalogue-filter";
import { readCatalogueQuery, suggestedPolishWords } from "~/modules/directory/search-dictionary";
import { readQuery } from "~/modules/kernel/boundary.server";
import { can } from "~/modules/identity/permissions";
import { getSessionContext } from "~/modules/identity/session.server";
import { formatMoney } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { translatedForResidents } from "~/utils/i18n";

/** Residents read the catalogue in Ukrainian too. */
export const handle = translatedForResidents;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "catalogue.title");

/** The public catalogue: no sign-in, works without JavaScript (a GET form), paged and sortable. */
export async function loader({ request }: LoaderFunctionArgs) {
  const filter = readQuery(request, catalogueQuery).data;
  const [result, choices, session] = await Promise.all([searchCatalogue(filter), catalogueChoices(), getSessionContext(request)]);
  // Centre staff see internal fields of their own centre's offers; everyone else sees the public card.
  const staffCusId = session?.membership && can(session.membership.role, "catalogue.internal") ? session.membership.cusId : null;
  const rows = result.rows.map(({ priceGrosze, changePending, cusId, ...r }) =>
    cusId === staffCusId ? { ...r, internal: { priceGrosze, changePending } } : { ...r, internal: null },
  );
  const reading = readCatalogueQuery(filter.q ?? "");
  return { filter, ...result, rows, choices, readAs: reading.readAs, unknown: reading.unknown };
}

export default function Catalogue() {
  const { filter, rows, total, page, pages, choices, readAs, unknown } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const pageHref = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `?${next.toString()}`;
  };
  return (
    <>
      <h1>{t("catalogue.title")}</h1>
      <p>{t("catalogue.intro")}</p>
      <Form method="get" className="panel catalogue-search" role="search" aria-label={t("catalogue.title")}>
        <div className="field">
          <label htmlFor="f-q">{t("catalogue.search")}</label>
          <p className="field__hint" id="f-q-hint">
            {t("catalogue.searchHint")}
          </p>
          <div className="search-row">
            <input id="f-q" name="q" type="search" defaultValue={filter.q ?? ""} aria-describedby="f-q-hint" />
            <button type="submit" className="button button--primary">
              {t("catalogue.submit")}
            </button>
          </div>
        </div>
        <details className="filters-details" open={Boolean(filter.area || filter.gmina || filter.mode || filter.target || filter.fee || filter.packageId || filter.providerKind || filter.accessibility || filter.language)}>
          <summary>{t("catalogue.filters")}</summary>
          <div className="filters__grid">
            <FilterSelect name="area" label={t("catalogue.area")} value={filter.area ? String(filter.area) : undefined} options={statutoryAreas.map((a) => ({ value: String(a), label: `${a}. ${t(`areas.${a}`)}` }))} />
            <FilterSelect name="package" label={t("catalogue.package")} value={filter.packageId} options={choices.packages.map((p) => ({ value: p.id, label: p.name }))} />
            <FilterSelect name="gmina" label={t("catalogue.gmina")} value={filter.gmina} options={choices.gminas.map((g) => ({ value: g, label: g }))} />
            <FilterSelect name="mode" label={t("catalogue.mode")} value={filter.mode} options={deliveryModes.map((m) => ({ value: m, label: t(`deliveryModes.${m}`) }))} />
            <FilterSelect name="target" label={t("catalogue.target")} value={filter.target} options={targetGroups.map((g) => ({ value: g, label: t(`targetGroups.${g}`) }))} />
            <FilterSelect
              name="kind"
              label={t("catalogue.providerKind")}
              value={filter.providerKind}
              options={[...providerLegalForms.map((f) => ({ value: f, label: t(`legalForms.${f}`) })), { value: "centre", label: t("catalogue.centreOwn") }]}
            />
            <FilterSelect name="fee" label={t("catalogue.fee")} value={filter.fee} options={[{ value: "free", label: t("catalogue.feeFree") }, { value: "paid", label: t("catalogue.feePaid") }]} />
            <FilterSelect name="access" label={t("catalogue.accessibility")} value={filter.accessibility} options={accessibilityFeatures.map((a) => ({ value: a, label: t(`accessibility.${a}`) }))} />
            <FilterSelect name="lang" label={t("catalogue.language")} value={filter.language} options={offerLanguages.map((l) => ({ value: l, label: t(`languages.${l}`) }))} />
            <div className="field">
              <label htmlFor="f-sort">{t("catalogue.sort")}</label>
              <select id="f-sort" name="sort" defaultValue={filter.sort}>
                <option value="name">{t("catalogue.sortName")}</option>
                <option value="newest">{t("catalogue.sortNewest")}</option>
              </select>
            </div>
          </div>
          <button type="submit" className="button">
            {t("catalogue.submit")}
          </button>
        </details>
      </Form>

      <p className="result-count" role="status">
        {t("catalogue.results", { count: total })}
      </p>
      {readAs.length ? <p>{t("catalogue.readAs", { words: readAs.join(", ") })}</p> : null}
      {unknown.length ? <p>{t("catalogue.unknownWords", { words: unknown.join(", ") })}</p> : null}
      {rows.length === 0 ? (
        <>
          <p>{t("catalogue.none")}</p>
          {filter.q ? (
            <p>
              {t("catalogue.describedInPolish")}{" "}
              {suggestedPolishWords.map((word, i) => (
                <span key={word}>
                  {i ? ", " : ""}
                  <Link to={`?q=${encodeURIComponent(word)}`} lang="pl">
                    {word}
                  </Link>
                </span>
              ))}
            </p>
          ) : null}
        </>
      ) : (
        <ul className="offer-list">
          {rows.map((r) => (
            <li key={r.offerId} className="offer-card">
              <h2 className="offer-card__title">
                <Link to={`/catalogue/${r.offerId}`} lang="pl">
                  {r.name}
                </Link>
              </h2>
              <p className="offer-card__meta">
                <span className="badge">{t(`areas.${r.area}` as "areas.1")}</span> <span className={`badge badge--fee-${r.feeLabel}`}>{t(`feeLabels.${r.feeLabel}`)}</span>{" "}
                {r.deliveryModes.map((m) => t(`deliveryModes.${m}` as "deliveryModes.place")).join(", ")}
              </p>
              <p className="offer-card__provider">{r.providerName ?? r.centreName}</p>
              {r.internal ? (
                <p className="offer-card__internal">
                  {t("catalogue.price")}: {formatMoney(r.internal.priceGrosze, locale)} / {t(`units.${r.unit}`)}
                  {r.internal.changePending ? <span className="badge badge--pending"> {t("catalogue.changePending")}</span> : null}
                </p>
              ) : null}
              <p className="offer-card__description" lang="pl">{r.description.length > 220 ? `${r.description.slice(0, 217)}…` : r.description}</p>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label={t("catalogue.pagination")}>
          {page > 1 ? <Link to={pageHref(page - 1)}>{t("catalogue.previous")}</Link> : null}
          <span>{t("catalogue.page", { page, pages })}</span>
          {page < pages ? <Link to={pageHref(page + 1)}>{t("catalogue.next")}</Link> : null}
        </nav>
      ) : null}
      <section className="panel" aria-labelledby="open-data-title">
        <h2 id="open-data-title">{t("catalogue.openData")}</h2>
        <p>{t("catalogue.openDataIntro")}</p>
        <ul className="plain-list">
          <li>
            <a href="/catalogue.csv">{t("catalogue.csv")}</a>
          </li>
          <li>
            <a href="/api/hsds/services">HSDS 3.0: services</a>, <a href="/api/hsds/organizations">organizations</a>,{" "}
            <a href="/api/hsds/service_at_locations">service_at_locations</a>
          </li>
        </ul>
      </section>
    </>
  );
}
