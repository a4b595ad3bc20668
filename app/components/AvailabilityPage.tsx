import { Form, Link } from "@remix-run/react";
import { useRef } from "react";
import { ExceptionForm, RuleForm } from "~/components/AvailabilityForms";
import { FeedSubscription } from "~/components/FeedSubscription";
import { Notice } from "~/components/Notice";
import { SlotCalendar, type SelectedRange } from "~/components/SlotCalendar";
import { SlotTable } from "~/components/SlotTable";
import type { loadAvailabilityPage } from "~/modules/capacity/availability-page.server";
import { isRefusal } from "~/modules/kernel/refusal";
import { formatDate } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";

type AvailabilityPageData = Awaited<ReturnType<typeof loadAvailabilityPage>>;

function setField(form: HTMLFormElement | null, name: string, value: string) {
  const field = form?.elements.namedItem(name);
  if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) field.value = value;
}

/** The availability page of a provider, or of the centre for its own supporting activities. */
export function AvailabilityPage({ d, answer, back }: { d: AvailabilityPageData; answer: unknown; back: { to: string; label: string } }) {
  const newFeedUrl = answer && typeof answer === "object" && "feedUrl" in answer ? String(answer.feedUrl) : null;
  const state = isRefusal(answer) ? answer : undefined;
  const t = useT();
  const locale = useLocale();
  const ruleForm = useRef<HTMLFormElement>(null);
  const exceptionForm = useRef<HTMLFormElement>(null);

  // A selection on the calendar prefills the weekly window (one day: that weekday, those hours, from that date).
  const onSelectRange = (range: SelectedRange) => {
    const form = ruleForm.current;
    if (!form) return;
    form.querySelectorAll<HTMLInputElement>('input[name="weekdays"]').forEach((box) => (box.checked = box.value === String(range.weekday)));
    setField(form, "startTime", range.startTime);
    setField(form, "endTime", range.endTime);
    setField(form, "validFrom", range.date);
    const closure = exceptionForm.current;
    setField(closure, "startsOn", range.date);
    setField(closure, "endsOn", range.endDate);
    form.scrollIntoView({ block: "start" });
    form.querySelector<HTMLElement>("select, input")?.focus();
  };

  const ruleDefaults = { offerId: d.offers[0]?.value ?? "", validFrom: d.today, startTime: "09:00", endTime: "15:00", slotMinutes: "60", bufferMinutes: "0", seats: "1", minNoticeHours: "24", horizonDays: "90", kind: "slots", weekdays: [] };
  const exceptionDefaults = { kind: "closure", startsOn: d.today, endsOn: d.today };
  const weekdays = (days: number[]) => days.map((n) => t(`weekdaysShort.${n}` as "weekdaysShort.1")).join(", ");
  return (
    <>
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
      <h1>{t("availability.title")}</h1>
      <p>{t("availability.intro")}</p>
      {d.offers.length === 0 ? <Notice>{t("availability.noOffers")}</Notice> : null}
      <Form method="get" className="inline-form">
        <div className="field">
          <label htmlFor="f-offer">{t("availability.showOffer")}</label>
          <select id="f-offer" name="offer" defaultValue={d.offerFilter}>
            <option value="">{t("availability.allOffers")}</option>
            {d.offers.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("calendar.apply")}
        </button>
      </Form>
      <SlotCalendar key={d.calendarQuery} query={d.calendarQuery} label={t("availability.calendarLabel")} slotHref={(s) => `/calendar/slots/${s.id}`} onSelectRange={onSelectRange} />
      <p className="muted">{t("availability.selectHint")}</p>

      <SlotTable slots={d.upcoming} caption={t("availability.upcoming", { from: formatDate(d.range.from, locale), to: formatDate(d.range.to, locale) })} />

      <div className="grid-2">
        <section className="panel" aria-labelledby="rule-title">
          <h2 id="rule-title">{t("availability.addRule")}</h2>
          <RuleForm ref={ruleForm} offers={d.offers} places={d.places} staff={d.staff} state={state} defaults={ruleDefaults} />
        </section>
        <section className="panel" aria-labelledby="exception-title">
          <h2 id="exception-title">{t("availability.exceptions")}</h2>
          <p>{t("availability.exceptionsIntro")}</p>
          <ExceptionForm ref={exceptionForm} offers={d.offers} places={d.places} state={state} defaults={exceptionDefaults} />
        </section>
      </div>

      {d.staff.length || d.feedCreatedAt || newFeedUrl ? <FeedSubscription createdAt={d.feedCreatedAt} newUrl={newFeedUrl} /> : null}

      <section className="panel" aria-labelledby="rules-title">
        <h2 id="rules-title">{t("availability.rules")}</h2>
        {d.rules.length === 0 ? (
          <p>{t("availability.noRules")}</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">{t("availability.rules")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("availability.offer")}</th>
                  <th scope="col">{t("availability.when")}</th>
                  <th scope="col">{t("availability.place")}</th>
                  <th scope="col">{t("availability.seats")}</th>
                  <th scope="col">{t("availability.period")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("availability.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.rules.map((r) => (
                  <tr key={r.id}>
                    <td>{r.offerName}</td>
                    <td>
                      {weekdays(r.weekdays)} {r.startTime.slice(0, 5)}–{r.endTime.slice(0, 5)}
                      <div className="muted">
                        {r.kind === "day" ? t("availability.kindDay") : t("availability.slotSummary", { minutes: r.slotMinutes ?? 0, buffer: r.bufferMinutes })}
                        {r.openOnHolidays ? ` · ${t("availability.openOnHolidaysShort")}` : ""}
                      </div>
                    </td>
                    <td>{r.locationName ?? t("availability.noPlace")}</td>
                    <td>{r.seats}</td>
                    <td>
                      {formatDate(r.validFrom, locale)} – {r.validTo ? formatDate(r.validTo, locale) : t("availability.openEnded")}
                    </td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="end-rule" />
                        <input type="hidden" name="id" value={r.id} />
                        <button type="submit" className="button button--danger">
                          {t("availability.endRule")}
                          <span className="visually-hidden">: {r.offerName}, {weekdays(r.weekdays)}</span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>{t("availability.exceptionList")}</h3>
        {d.exceptions.length === 0 ? (
          <p>{t("availability.noExceptions")}</p>
        ) : (
          <ul className="plain-list">
            {d.exceptions.map((e) => (
              <li key={e.id}>
                <strong>{e.kind === "closure" ? t("availability.closure") : t("availability.opening")}</strong>: {formatDate(e.startsOn, locale)}
                {e.endsOn !== e.startsOn ? ` – ${formatDate(e.endsOn, locale)}` : ""}
                {e.startTime ? `, ${e.startTime.slice(0, 5)}–${e.endTime?.slice(0, 5)}` : ""} · {e.offerName ?? t("availability.allOffers")} · {e.reason}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="remove-exception" />
                  <input type="hidden" name="id" value={e.id} />
                  <button type="submit" className="button">
                    {t("availability.removeException")}
                    <span className="visually-hidden">: {e.reason}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
