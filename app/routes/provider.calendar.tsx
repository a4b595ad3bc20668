import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useRef } from "react";
import { ExceptionForm, RuleForm, type FormState } from "~/components/AvailabilityForms";
import { FeedSubscription } from "~/components/FeedSubscription";
import { Notice } from "~/components/Notice";
import { SlotCalendar, type SelectedRange } from "~/components/SlotCalendar";
import { SlotTable } from "~/components/SlotTable";
import { getFeedStatus, regenerateFeedToken } from "~/modules/booking/calendar-feeds.server";
import { warsawDate } from "~/modules/capacity/availability";
import { exceptionFormSchema, ruleFormSchema } from "~/modules/capacity/availability-form";
import { archiveAvailabilityRule, createAvailabilityException, createAvailabilityRule, deleteAvailabilityException, listAvailability, listPlannableOffers } from "~/modules/capacity/availability.server";
import { parseCalendarQuery } from "~/modules/capacity/calendar-query";
import { toSlotJson } from "~/modules/capacity/slot-json";
import { computeFreeSlots } from "~/modules/capacity/slots.server";
import { listLocations } from "~/modules/directory/offers.server";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { listTeam } from "~/modules/identity/memberships.server";
import { appUrl } from "~/utils/env.server";
import { fieldErrors, formValues } from "~/utils/forms";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "availability.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "capacity.manage");
  const providerId = requireProviderId(access);
  const query = parseCalendarQuery(new URL(request.url).searchParams);
  const [offers, places, team, availability, upcoming, feed] = await Promise.all([
    listPlannableOffers({ providerId }),
    listLocations({ providerId }),
    listTeam({ providerId }),
    listAvailability({ providerId }),
    computeFreeSlots({ scope: { providerId }, from: query.from, to: query.to, offerId: query.offerId }),
    getFeedStatus({ providerId }),
  ]);
  const offerFilter = new URL(request.url).searchParams.get("offer") ?? "";
  return {
    offerFilter,
    today: warsawDate(new Date()),
    range: { from: query.fromDay, to: query.toDay },
    offers: offers.map((o) => ({ value: o.id, label: o.name })),
    places: places.map((p) => ({ value: p.id, label: `${p.name} (${p.city})` })),
    staff: team.map((m) => ({ value: m.userId, label: m.name })),
    rules: availability.rules.map(({ rule, offerName, locationName }) => ({ ...rule, offerName, locationName, archivedAt: null, createdAt: rule.createdAt.toISOString() })),
    exceptions: availability.exceptions.map(({ exception, offerName }) => ({ ...exception, offerName, createdAt: exception.createdAt.toISOString() })),
    upcoming: upcoming.map(toSlotJson),
    feedCreatedAt: feed?.createdAt.toISOString() ?? null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "capacity.manage");
  const owner = { providerId: requireProviderId(access) };
  const actor = { userId: access.user.id, email: access.user.email, ip: context.ip };
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const values: Record<string, string | string[]> = { ...formValues(formData), weekdays: formData.getAll("weekdays").map(String) };
  const fail = (form: string, errors: Record<string, string>) => data<FormState>({ form, errors, values }, { status: 400 });

  if (intent === "feed") {
    const token = await regenerateFeedToken(owner, actor);
    return data({ form: "feed", errors: {}, values: {}, feedUrl: `${appUrl(request)}/feeds/${token}.ics` });
  }
  if (intent === "add-rule") {
    const parsed = ruleFormSchema.safeParse(values);
    if (!parsed.success) return fail("rule", fieldErrors(parsed.error));
    const result = await createAvailabilityRule({ owner, rule: parsed.data, actor });
    if (!result.ok) return fail("rule", ruleRefusal[result.reason]);
    throw redirect(`/provider/calendar?done=rule&added=${result.added}`);
  }
  if (intent === "add-exception") {
    const parsed = exceptionFormSchema.safeParse(values);
    if (!parsed.success) return fail("exception", fieldErrors(parsed.error));
    const result = await createAvailabilityException({ owner, exception: parsed.data, actor });
    if (!result.ok) return fail("exception", result.reason === "forbidden_place" ? { locationId: "availability.errors.place" } : { offerId: "availability.errors.offer" });
    throw redirect(`/provider/calendar?done=${parsed.data.kind}&closed=${result.closed}`);
  }
  if (intent === "end-rule" || intent === "remove-exception") {
    const id = String(formData.get("id") ?? "");
    const result = intent === "end-rule" ? await archiveAvailabilityRule({ owner, ruleId: id, actor }) : await deleteAvailabilityException({ owner, exceptionId: id, actor });
    if (!result.ok) throw new Response("Not found", { status: 404 });
    throw redirect(`/provider/calendar?done=${intent}&closed=${result.closed}`);
  }
  return fail("", { form: "errors.formErrors" });
}

const ruleRefusal = {
  not_found: { offerId: "availability.errors.offer" },
  forbidden_place: { locationId: "availability.errors.place" },
  forbidden_staff: { staffUserId: "availability.errors.staff" },
} as const;

function setField(form: HTMLFormElement | null, name: string, value: string) {
  const field = form?.elements.namedItem(name);
  if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) field.value = value;
}

export default function ProviderCalendar() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const state = actionData as FormState;
  const newFeedUrl = actionData && "feedUrl" in actionData ? (actionData.feedUrl as string) : null;
  const [params] = useSearchParams();
  const t = useT();
  const ruleForm = useRef<HTMLFormElement>(null);
  const exceptionForm = useRef<HTMLFormElement>(null);
  const done = params.get("done");
  const closed = Number(params.get("closed") ?? 0);

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
        <Link to="/provider">{t("nav.home")}</Link>
      </p>
      <h1>{t("availability.title")}</h1>
      <p>{t("availability.intro")}</p>
      {done ? (
        <Notice kind="success">
          {t(`availability.done.${done}` as "availability.done.rule", { count: Number(params.get("added") ?? 0) })}
          {closed > 0 ? ` ${t("availability.keptClosed", { count: closed })}` : ""}
        </Notice>
      ) : null}
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
      <SlotCalendar key={d.offerFilter} query={d.offerFilter ? `offer=${d.offerFilter}` : ""} label={t("availability.calendarLabel")} slotHref={(s) => `/calendar/slots/${s.id}`} onSelectRange={onSelectRange} />
      <p className="muted">{t("availability.selectHint")}</p>

      <SlotTable slots={d.upcoming} caption={t("availability.upcoming", { from: d.range.from, to: d.range.to })} />

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

      <FeedSubscription createdAt={d.feedCreatedAt} newUrl={newFeedUrl} />

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
                      {r.validFrom} – {r.validTo ?? t("availability.openEnded")}
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
                <strong>{e.kind === "closure" ? t("availability.closure") : t("availability.opening")}</strong>: {e.startsOn}
                {e.endsOn !== e.startsOn ? ` – ${e.endsOn}` : ""}
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
