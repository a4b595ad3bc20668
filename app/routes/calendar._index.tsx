import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FilterSelect } from "~/components/FilterSelect";
import { SlotCalendar } from "~/components/SlotCalendar";
import { SlotTable } from "~/components/SlotTable";
import { calendarQuery, calendarRange } from "~/modules/capacity/calendar-query";
import { readQuery } from "~/modules/kernel/boundary.server";
import { clock } from "~/modules/kernel/clock.server";
import { addDays } from "~/modules/kernel/dates";
import { toSlotJson } from "~/modules/capacity/slot-json";
import { computeFreeSlots } from "~/modules/capacity/slots.server";
import { deliveryModes, statutoryAreas } from "~/modules/directory/areas";
import { catalogueChoices } from "~/modules/directory/catalogue.server";
import { listCentreProviders } from "~/modules/directory/centres.server";
import { listCentreOfferNames } from "~/modules/directory/offers.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { useLocale, useT } from "~/utils/i18n-react";
import { intlLocale } from "~/utils/format";
import { pageTitle } from "~/utils/meta";
import { providerColours } from "~/utils/provider-colour";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "calendar.title");

/** The list under the calendar shows one day at a time: a week of a whole centre is too long to read. */
export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "calendar.shared");
  const cusId = requireCentreId(access);
  const { data: q } = readQuery(request, calendarQuery);
  const query = calendarRange(q, clock.now(), { oneDay: true });
  const [rows, providers, offers, choices] = await Promise.all([
    computeFreeSlots({ ...query, scope: { cusId } }),
    listCentreProviders(cusId),
    listCentreOfferNames(cusId),
    catalogueChoices(),
  ]);
  const verified = providers.filter((p) => p.status === "verified");
  // The filters as they were understood, for the form and the calendar's own requests.
  const shown = { area: q.area === undefined ? "" : String(q.area), offer: q.offer ?? "", provider: q.provider ?? "", gmina: q.gmina ?? "", mode: q.mode ?? "", bookable: query.bookableOnly ? "1" : "", q: q.q ?? "" };
  const filter = Object.fromEntries(Object.entries(shown).filter(([, v]) => v !== ""));
  return {
    filter,
    day: query.fromDay,
    previous: addDays(query.fromDay, -1),
    next: addDays(query.fromDay, 1),
    slots: rows.map(toSlotJson),
    providers: verified.map((p) => ({ id: p.id, name: p.name })),
    colours: providerColours(verified.map((p) => p.id)),
    offers,
    gminas: choices.gminas,
  };
}

export default function SharedCalendar() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const query = new URLSearchParams(d.filter).toString();
  const dayHref = (day: string) => `?${new URLSearchParams({ ...d.filter, day }).toString()}#list`;
  const dayLabel = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: "Europe/Warsaw", dateStyle: "full" }).format(new Date(`${d.day}T12:00:00Z`));
  return (
    <>
      <h1>{t("calendar.title")}</h1>
      <p>{t("calendar.intro")}</p>
      <Form method="get" className="panel filter-form" aria-labelledby="calendar-filter-title">
        <h2 id="calendar-filter-title">{t("calendar.filters")}</h2>
        <div className="grid-fields">
          <div className="field">
            <label htmlFor="f-q">{t("catalogue.search")}</label>
            <input id="f-q" name="q" type="search" defaultValue={d.filter.q ?? ""} />
          </div>
          <FilterSelect name="area" label={t("catalogue.area")} value={d.filter.area} options={statutoryAreas.map((a) => ({ value: String(a), label: `${a}. ${t(`areas.${a}` as "areas.1")}` }))} />
          <FilterSelect name="offer" label={t("calendar.offer")} value={d.filter.offer} options={d.offers.map((o) => ({ value: o.id, label: o.name }))} />
          <FilterSelect name="provider" label={t("calendar.provider")} value={d.filter.provider} options={d.providers.map((p) => ({ value: p.id, label: p.name }))} />
          <FilterSelect name="gmina" label={t("catalogue.gmina")} value={d.filter.gmina} options={d.gminas.map((g) => ({ value: g, label: g }))} />
          <FilterSelect name="mode" label={t("catalogue.mode")} value={d.filter.mode} options={deliveryModes.map((m) => ({ value: m, label: t(`deliveryModes.${m}`) }))} />
        </div>
        <label className="checkbox-line">
          <input type="checkbox" name="bookable" value="1" defaultChecked={d.filter.bookable === "1"} /> {t("calendar.onlyFree")}
        </label>
        <input type="hidden" name="day" value={d.day} />
        <button type="submit" className="button button--primary">
          {t("calendar.apply")}
        </button>{" "}
        <Link to="/calendar">{t("calendar.clear")}</Link>
      </Form>

      {d.providers.length ? (
        <ul className="legend" aria-label={t("calendar.legend")}>
          {d.providers.map((p) => (
            <li key={p.id}>
              <span className={`swatch swatch--${d.colours[p.id]!.slice(1)}`} aria-hidden="true" /> {p.name}
            </li>
          ))}
        </ul>
      ) : null}

      <SlotCalendar key={query} query={query} label={t("calendar.title")} initialDate={d.day} slotHref={(s) => `/calendar/slots/${s.id}`} colours={d.colours} />

      <section id="list" aria-labelledby="list-title">
        <h2 id="list-title">{t("calendar.listTitle")}</h2>
        <nav className="pagination" aria-label={t("calendar.days")}>
          <Link to={dayHref(d.previous)}>{t("calendar.previousDay")}</Link>
          <span>{dayLabel}</span>
          <Link to={dayHref(d.next)}>{t("calendar.nextDay")}</Link>
        </nav>
        <SlotTable slots={d.slots} caption={t("calendar.listCaption", { day: dayLabel, count: d.slots.length })} colours={d.colours} />
      </section>
    </>
  );
}
