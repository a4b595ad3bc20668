import { Link } from "@remix-run/react";
import type { SlotJson } from "~/modules/capacity/slot-json";
import { useLocale, useT } from "~/utils/i18n-react";
import { intlLocale } from "~/utils/format";
import { colourOf } from "~/utils/provider-colour";

const TIME_ZONE = "Europe/Warsaw";

/** The calendar's slots as a table: the list view for screen readers and for pages without JavaScript. */
export function SlotTable({ slots, caption, colours }: { slots: SlotJson[]; caption: string; colours?: Record<string, string> }) {
  const showProvider = !!colours;
  const t = useT();
  const locale = useLocale();
  const day = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, weekday: "long", day: "numeric", month: "long" });
  const time = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit" });
  if (slots.length === 0) return <p>{t("calendar.noSlots")}</p>;
  return (
    <div className="table-scroll">
      <table className="table slot-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("calendar.when")}</th>
            <th scope="col">{t("calendar.offer")}</th>
            {showProvider ? <th scope="col">{t("calendar.provider")}</th> : null}
            <th scope="col">{t("calendar.place")}</th>
            <th scope="col">{t("calendar.seats")}</th>
          </tr>
        </thead>
        <tbody>
          {slots.map((s) => (
            <tr key={s.id} className={s.closed ? "slot-row--closed" : s.free === 0 ? "slot-row--full" : undefined}>
              <td>
                <Link to={`/calendar/slots/${s.id}`}>
                  {day.format(new Date(s.startsAt))}, {time.format(new Date(s.startsAt))}–{time.format(new Date(s.endsAt))}
                </Link>
              </td>
              <td>{s.offerName}</td>
              {showProvider ? (
                <td>
                  <span className={`swatch swatch--${colourOf(colours!, s.providerId).slice(1)}`} aria-hidden="true" /> {s.providerName ?? t("catalogue.centreOwn")}
                </td>
              ) : null}
              <td>{s.locationName ? `${s.locationName}${s.gminaName ? ` (${s.gminaName})` : ""}` : t("availability.noPlace")}</td>
              <td>{s.closed ? t("calendar.closed") : s.free === 0 ? t("calendar.full") : t("calendar.free", { count: s.free, capacity: s.capacity })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
