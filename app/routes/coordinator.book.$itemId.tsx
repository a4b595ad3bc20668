import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, SelectField } from "~/components/Field";
import { Notice } from "~/components/Notice";
import { bookSlot, bookWeeklySeries, cancelBooking, listPlanItemBookings, rescheduleBooking, type SeriesOccurrence } from "~/modules/booking/bookings.server";
import { joinWaitlist } from "~/modules/booking/waitlist.server";
import { warsawInstant } from "~/modules/capacity/availability";
import { toSlotJson } from "~/modules/capacity/slot-json";
import { computeFreeSlots } from "~/modules/capacity/slots.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { getPlanItem, listPlanPeople } from "~/modules/plans/plans.server";
import { formatDateTime, intlLocale } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "booking.pageTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "plans.manage");
  const cusId = requireCentreId(access);
  const found = await getPlanItem(cusId, params.itemId ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  const today = new Date().toISOString().slice(0, 10);
  const from = warsawInstant(found.item.validFrom > today ? found.item.validFrom : today, 0);
  const to = warsawInstant(found.item.validTo, 24 * 60);
  const [free, visits, people] = await Promise.all([
    computeFreeSlots({ scope: { cusId }, from, to, offerId: found.item.offerId, bookableOnly: true, limit: 60 }),
    listPlanItemBookings(found.item.id),
    listPlanPeople(found.plan.id),
  ]);
  const nameOf = new Map(people.map((p) => [p.residentId, p.name]));
  const now = Date.now();
  return {
    item: { id: found.item.id, units: found.item.units, frequency: found.item.frequency, validFrom: found.item.validFrom, validTo: found.item.validTo },
    planId: found.plan.id,
    planStatus: found.plan.status,
    offerName: found.offerName,
    people,
    free: free.map(toSlotJson),
    upcoming: visits.filter((v) => v.status === "active" && v.startsAt.getTime() > now).map((v) => visitJson(v, nameOf)),
    history: visits.filter((v) => v.status === "cancelled" || v.startsAt.getTime() <= now).reverse().map((v) => visitJson(v, nameOf)),
  };
}

function visitJson(v: Awaited<ReturnType<typeof listPlanItemBookings>>[number], nameOf: Map<string, string>) {
  return { id: v.id, who: nameOf.get(v.residentId) ?? "", startsAt: v.startsAt.toISOString(), status: v.status, attendance: v.attendance, cancelReason: v.cancelReason, late: v.lateCancellation, movedFrom: v.movedFrom?.toISOString() ?? null };
}

type ActionData = { ok: boolean; message: string; occurrences?: SeriesOccurrence[]; position?: number; bookingId?: string; values?: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "plans.manage");
  const cusId = requireCentreId(access);
  const found = await getPlanItem(cusId, params.itemId ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  const formData = await request.formData();
  const slotId = String(formData.get("slotId") ?? "");
  const actor = { userId: access.user.id, email: access.user.email, ip: context.ip };
  // A family plan books for the member chosen on the form (its resident when the form has no choice).
  const people = await listPlanPeople(found.plan.id);
  const chosen = formData.get("residentId");
  if (chosen !== null && !people.some((p) => p.residentId === chosen)) return data<ActionData>({ ok: false, message: "booking.errors.chooseResident" }, { status: 400 });
  const residentId = typeof chosen === "string" ? chosen : found.plan.residentId;
  if (formData.get("intent") === "waitlist") {
    const joined = await joinWaitlist({ cusId, offerId: found.item.offerId, residentId, planItemId: found.item.id, actor });
    return data<ActionData>({ ok: joined.ok, message: joined.ok ? "waitlist.joined" : `waitlist.errors.${joined.reason}`, position: joined.ok ? joined.position : undefined }, { status: joined.ok ? 200 : 409 });
  }
  const intent = formData.get("intent");
  if (intent === "reschedule" || intent === "cancel") {
    const bookingId = String(formData.get("bookingId") ?? "");
    const reason = String(formData.get("reason") ?? "");
    const values = { slotId, reason };
    if (intent === "reschedule" && !slotId) return data<ActionData>({ ok: false, message: "booking.errors.chooseSlot", bookingId, values }, { status: 400 });
    const result =
      intent === "reschedule"
        ? await rescheduleBooking({ bookingId, newSlotId: slotId, cusId, reason, actor })
        : await cancelBooking({ bookingId, scope: { cusId }, by: "coordinator", reason, actor });
    if (!result.ok && (result.reason === "not_found" || result.reason === "forbidden")) throw new Response("Not found", { status: 404 });
    const done = intent === "reschedule" ? "booking.rescheduled" : "booking.cancelled";
    const refused = !result.ok ? (result.reason === "reason_required" ? "booking.errors.changeReason" : `booking.errors.${result.reason}`) : done;
    return data<ActionData>({ ok: result.ok, message: refused, bookingId, values }, { status: result.ok ? 200 : result.reason === "reason_required" ? 400 : 409 });
  }
  if (!slotId) return data<ActionData>({ ok: false, message: "booking.errors.chooseSlot" }, { status: 400 });
  if (formData.get("intent") === "series") {
    const weeks = Number(formData.get("weeks"));
    const result = await bookWeeklySeries({ cusId, residentId, firstSlotId: slotId, weeks, planItemId: found.item.id, actor });
    if (!result.ok) return data<ActionData>({ ok: false, message: result.reason === "weeks" ? "booking.errors.weeks" : "booking.errors.not_found" }, { status: 400 });
    const booked = result.occurrences.filter((o) => o.ok).length;
    return data<ActionData>({ ok: booked === result.occurrences.length, message: booked === result.occurrences.length ? "booking.seriesBooked" : "booking.seriesPartly", occurrences: result.occurrences });
  }
  const result = await bookSlot({ cusId, slotId, residentId, planItemId: found.item.id, actor });
  return data<ActionData>({ ok: result.ok, message: result.ok ? "booking.booked" : `booking.errors.${result.reason}` }, { status: result.ok ? 200 : 409 });
}

/** Slots (already in time order) in runs of the same day. */
function groupByDay<S extends { startsAt: string }>(slots: S[], dayOf: (iso: string) => string): [string, S[]][] {
  const days = new Map<string, S[]>();
  for (const slot of slots) {
    const key = dayOf(slot.startsAt);
    days.set(key, [...(days.get(key) ?? []), slot]);
  }
  return [...days];
}

export default function BookPlanItem() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const locale = useLocale();
  const when = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: "Europe/Warsaw", weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });
  const booked = result?.occurrences?.filter((o) => o.ok).length ?? 0;
  const day = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: "Europe/Warsaw", weekday: "long", day: "numeric", month: "long" });
  const dayOf = (iso: string) => day.format(new Date(iso));
  const timeOf = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: "Europe/Warsaw", hour: "2-digit", minute: "2-digit" });
  const whoField = (form: string) =>
    d.people.length > 1 ? <SelectField id={`${form}-who`} name="residentId" label={t("booking.forWhom")} defaultValue={d.people[0]!.residentId} options={d.people.map((p) => ({ value: p.residentId, label: p.name }))} /> : null;
  return (
    <>
      <p>
        <Link to={`/coordinator/plans/${d.planId}`}>{t("booking.backToPlan")}</Link>
      </p>
      <h1>{t("booking.heading", { offer: d.offerName, name: d.people.map((p) => p.name).join(", ") })}</h1>
      <p>
        {d.item.units} × · {d.item.frequency} · {d.item.validFrom} – {d.item.validTo}
      </p>
      {result ? (
        <Notice kind={result.ok ? "success" : "error"}>
          {t(result.message as "booking.booked", { booked, total: result.occurrences?.length ?? 0, position: result.position })}
        </Notice>
      ) : null}
      {result?.occurrences?.some((o) => !o.ok) ? (
        <section className="panel" aria-labelledby="series-problems">
          <h2 id="series-problems">{t("booking.notBooked")}</h2>
          <ul className="plain-list">
            {result.occurrences.map((o) =>
              o.ok ? null : (
                <li key={o.startsAt}>
                  <strong>{when.format(new Date(o.startsAt))}</strong>: {t(`booking.errors.${o.reason}` as "booking.errors.full")}
                  {o.alternatives.length ? (
                    <ul>
                      {o.alternatives.map((a) => (
                        <li key={a.slotId}>
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="slotId" value={a.slotId} />
                            {when.format(new Date(a.startsAt))} ({t("calendar.free", { count: a.free, capacity: a.free })}){" "}
                            <button type="submit" name="intent" value="single" className="button">
                              {t("booking.bookAlternative")}
                            </button>
                          </Form>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="muted"> {t("booking.noAlternatives")}</span>
                  )}
                </li>
              ),
            )}
          </ul>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="visits-title">
        <h2 id="visits-title">{t("booking.itemVisits")}</h2>
        {d.upcoming.length === 0 ? <p>{t("booking.none")}</p> : null}
        <ul className="plain-list visit-list">
          {d.upcoming.map((v) => {
            const mine = result?.bookingId === v.id ? result : undefined;
            return (
              <li key={v.id}>
                <strong>{when.format(new Date(v.startsAt))}</strong>
                {d.people.length > 1 ? ` – ${v.who}` : null}
                {v.movedFrom ? <span className="muted"> · {t("booking.movedFrom", { date: formatDateTime(v.movedFrom, locale) })}</span> : null}
                <details open={!!mine && !mine.ok}>
                  <summary>
                    {t("booking.changeOrCancel")}
                    <span className="visually-hidden">: {when.format(new Date(v.startsAt))}</span>
                  </summary>
                  <Form method="post" noValidate>
                    <input type="hidden" name="bookingId" value={v.id} />
                    <SelectField
                      id={`slot-${v.id}`}
                      name="slotId"
                      label={t("booking.newTime")}
                      defaultValue={mine?.values?.slotId ?? ""}
                      error={mine && !mine.ok && mine.message === "booking.errors.chooseSlot" ? t("booking.errors.chooseSlot") : undefined}
                      options={[{ value: "", label: "—" }, ...d.free.map((s) => ({ value: s.id, label: `${when.format(new Date(s.startsAt))} · ${t("calendar.free", { count: s.free, capacity: s.capacity })}` }))]}
                    />
                    <Field
                      id={`reason-${v.id}`}
                      name="reason"
                      label={t("booking.changeReason")}
                      defaultValue={mine?.values?.reason ?? ""}
                      error={mine && !mine.ok && mine.message === "booking.errors.changeReason" ? t("booking.errors.changeReason") : undefined}
                      required
                    />
                    <div className="button-row">
                      <button type="submit" name="intent" value="reschedule" className="button button--primary">
                        {t("booking.reschedule")}
                      </button>
                      <button type="submit" name="intent" value="cancel" className="button button--danger">
                        {t("booking.cancel")}
                      </button>
                    </div>
                  </Form>
                </details>
              </li>
            );
          })}
        </ul>
        {d.history.length ? (
          <details>
            <summary>{t("booking.itemHistory", { count: d.history.length })}</summary>
            <ul className="plain-list">
              {d.history.map((v) => (
                <li key={v.id}>
                  {formatDateTime(v.startsAt, locale)} –{" "}
                  {v.status === "cancelled"
                    ? `${t("booking.status.cancelled")}${v.late ? `, ${t("booking.late")}` : ""}${v.cancelReason ? `: ${v.cancelReason}` : ""}`
                    : v.attendance
                      ? t(`delivery.${v.attendance === "no_show" ? "noShow" : "delivered"}` as "delivery.delivered")
                      : t("booking.unrecorded")}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
      {d.planStatus !== "approved" && d.planStatus !== "active" ? <Notice kind="error">{t("booking.errors.outside_plan")}</Notice> : null}
      <Form method="post" className="panel">
        {whoField("book")}
        <fieldset className="checkbox-group slot-choices">
          <legend>{t("booking.chooseSlot")}</legend>
          {d.free.length === 0 ? <p>{t("booking.noFreeSlots")}</p> : null}
          {/* Grouped by day, so a coordinator scans days first and times second. */}
          {groupByDay(d.free, dayOf).map(([day, slots]) => (
            <fieldset key={day} className="slot-day">
              <legend>{day}</legend>
              {slots.map((s) => (
                <label key={s.id}>
                  <input type="radio" name="slotId" value={s.id} required />
                  {timeOf.format(new Date(s.startsAt))} – {s.locationName ?? t("availability.noPlace")} · {t("calendar.free", { count: s.free, capacity: s.capacity })}
                </label>
              ))}
            </fieldset>
          ))}
        </fieldset>
        <div className="button-row">
          <button type="submit" name="intent" value="single" className="button button--primary">
            {t("booking.bookOne")}
          </button>
          <Field name="weeks" type="number" inputMode="numeric" min={2} max={52} label={t("booking.weeks")} defaultValue="10" />
          <button type="submit" name="intent" value="series" className="button">
            {t("booking.bookSeries")}
          </button>
        </div>
      </Form>
      <Form method="post" className="panel">
        <p>{t("waitlist.intro")}</p>
        {whoField("waitlist")}
        <button type="submit" name="intent" value="waitlist" className="button">
          {t("waitlist.join")}
        </button>
      </Form>
    </>
  );
}
