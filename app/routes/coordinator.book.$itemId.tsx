import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { visitStatus } from "~/modules/booking/visit-status";
import { Field, SelectField } from "~/components/Field";
import { Notice } from "~/components/Notice";
import { bookSlot } from "~/modules/booking/seats.server";
import { bookWeeklySeries, type SeriesOccurrence } from "~/modules/booking/series.server";
import { cancelBooking, rescheduleBooking } from "~/modules/booking/changes.server";
import { listPlanItemBookings } from "~/modules/booking/queries.server";
import { joinWaitlist } from "~/modules/booking/waitlist.server";
import { z } from "zod";
import { useRefusal } from "~/components/refusal";
import { clock } from "~/modules/kernel/clock.server";
import { warsawDate, warsawInstant } from "~/modules/kernel/dates";
import { notFound, readForm, readParams, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { Feedback } from "~/components/Feedback";
import { id, int, intents, optionalId, text } from "~/modules/kernel/input";
import { toSlotJson } from "~/modules/capacity/slot-json";
import { contractsWithPools } from "~/modules/contracts/contracts.server";
import { PoolUse } from "~/components/PoolUse";
import { computeFreeSlots } from "~/modules/capacity/slots.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { getPlanItem, listPlanPeople } from "~/modules/plans/plans.server";
import { formatDateTime, intlLocale, formatDate } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { actorFrom } from "~/modules/kernel/actor";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "booking.pageTitle");

const ItemParams = z.object({ itemId: id() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "plans.manage");
  const cusId = requireCentreId(access);
  const { itemId } = readParams(params, ItemParams);
  const found = await getPlanItem(cusId, itemId);
  if (!found) throw notFound();
  const today = warsawDate(clock.now());
  const from = warsawInstant(found.item.validFrom > today ? found.item.validFrom : today, 0);
  const to = warsawInstant(found.item.validTo, 24 * 60);
  const [free, visits, people, pools] = await Promise.all([
    computeFreeSlots({ scope: { cusId }, from, to, offerId: found.item.offerId, bookableOnly: true, limit: 60 }),
    listPlanItemBookings(found.item.id),
    listPlanPeople(found.plan.id),
    contractsWithPools(cusId, { offerId: found.item.offerId, day: today }),
  ]);
  const nameOf = new Map(people.map((p) => [p.residentId, p.name]));
  const at = clock.now().getTime();
  return {
    item: { id: found.item.id, units: found.item.units, frequency: found.item.frequency, validFrom: found.item.validFrom, validTo: found.item.validTo },
    planId: found.plan.id,
    planStatus: found.plan.status,
    pools,
    offerName: found.offerName,
    people,
    free: free.map(toSlotJson),
    upcoming: visits.filter((v) => v.status === "active" && v.startsAt.getTime() > at).map((v) => visitJson(v, nameOf)),
    history: visits.filter((v) => v.status === "cancelled" || v.startsAt.getTime() <= at).reverse().map((v) => visitJson(v, nameOf)),
  };
}

function visitJson(v: Awaited<ReturnType<typeof listPlanItemBookings>>[number], nameOf: Map<string, string>) {
  return { id: v.id, who: nameOf.get(v.residentId) ?? "", startsAt: v.startsAt.toISOString(), status: v.status, visit: visitStatus(v, clock.now()), attendance: v.attendance, cancelReason: v.cancelReason, late: v.lateCancellation, movedFrom: v.movedFrom?.toISOString() ?? null };
}

const chosenSlot = id({ message: "booking.errors.chooseSlot" });
const forWhom = optionalId({ message: "booking.errors.chooseResident" });
const changeReason = text({ min: 1, max: 500, message: "booking.errors.changeReason" });

/** A single visit, a weekly series, the waiting list; or moving or cancelling one of the item's visits. */
const BookingAction = intents([
  z.object({ intent: z.literal("single"), slotId: chosenSlot, residentId: forWhom }),
  z.object({ intent: z.literal("series"), slotId: chosenSlot, residentId: forWhom, weeks: int({ min: 1, max: 52, message: "booking.errors.weeks" }) }),
  z.object({ intent: z.literal("waitlist"), residentId: forWhom }),
  z.object({ intent: z.literal("reschedule"), bookingId: id(), slotId: chosenSlot, reason: changeReason }),
  z.object({ intent: z.literal("cancel"), bookingId: id(), reason: changeReason }),
]);

/** The form a refusal is shown on: a visit's own, or the booking form. */
const formOf = (values: Record<string, unknown>) => (typeof values.bookingId === "string" && (values.intent === "reschedule" || values.intent === "cancel") ? `visit-${values.bookingId}` : "book");

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "plans.manage");
  const cusId = requireCentreId(access);
  const { itemId } = readParams(params, ItemParams);
  const found = await getPlanItem(cusId, itemId);
  if (!found) throw notFound();
  const form = await readForm(request, BookingAction);
  if (!form.ok) return refuseInput(form, formOf(form.values));
  const input = form.data;
  const actor = actorFrom(access, context);
  const refused = (message: string, status: 400 | 409 = 409) => refuse(formOf(form.values), { form: message }, form.values, status);
  if (input.intent === "reschedule" || input.intent === "cancel") {
    const result =
      input.intent === "reschedule"
        ? await rescheduleBooking({ bookingId: input.bookingId, newSlotId: input.slotId, cusId, reason: input.reason, actor })
        : await cancelBooking({ bookingId: input.bookingId, scope: { cusId }, by: "coordinator", reason: input.reason, actor });
    if (!result.ok && (result.reason === "not_found" || result.reason === "forbidden")) throw notFound();
    if (!result.ok) return result.reason === "reason_required" ? refuse(formOf(form.values), { reason: "booking.errors.changeReason" }, form.values) : refused(`booking.errors.${result.reason}`);
    return done(request, { kind: "success", message: input.intent === "reschedule" ? "booking.rescheduled" : "booking.cancelled" });
  }
  // A family plan books for the member chosen on the form (its resident when the form has no choice).
  const people = await listPlanPeople(found.plan.id);
  if (input.residentId !== null && !people.some((p) => p.residentId === input.residentId)) return refuse("book", { residentId: "booking.errors.chooseResident" }, form.values);
  const residentId = input.residentId ?? found.plan.residentId;
  if (input.intent === "waitlist") {
    const joined = await joinWaitlist({ cusId, offerId: found.item.offerId, residentId, planItemId: found.item.id, actor });
    return joined.ok ? done(request, { kind: "success", message: "waitlist.joined", params: { position: joined.position } }) : refused(`waitlist.errors.${joined.reason}`);
  }
  if (input.intent === "series") {
    const result = await bookWeeklySeries({ cusId, residentId, firstSlotId: input.slotId, weeks: input.weeks, planItemId: found.item.id, actor });
    if (!result.ok) return refused(result.reason === "weeks" ? "booking.errors.weeks" : "booking.errors.not_found", 400);
    const booked = result.occurrences.filter((o) => o.ok).length;
    if (booked === result.occurrences.length) return done(request, { kind: "success", message: "booking.seriesBooked", params: { count: booked } });
    // Visits that could not be booked come back here with the alternatives to choose from.
    return { ok: true as const, message: "booking.seriesPartly", occurrences: result.occurrences, residentId };
  }
  const result = await bookSlot({ cusId, slotId: input.slotId, residentId, planItemId: found.item.id, actor });
  return result.ok ? done(request, { kind: "success", message: "booking.booked" }) : refused(`booking.errors.${result.reason}`);
}

type Partly = { ok: true; message: string; occurrences: SeriesOccurrence[]; residentId: string };

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
  const answer = useActionData<typeof action>() as Partly | { ok: false } | undefined;
  const partly = answer?.ok ? answer : undefined;
  const refusal = useRefusal();
  const t = useT();
  const locale = useLocale();
  const when = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: "Europe/Warsaw", weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });
  const booked = partly?.occurrences.filter((o) => o.ok).length ?? 0;
  const bookError = refusal.error("book", "form") ?? refusal.error("book", "slotId") ?? refusal.error("book", "weeks") ?? refusal.error("book", "residentId");
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
        {d.item.units} × · {d.item.frequency} · {formatDate(d.item.validFrom, locale)} – {formatDate(d.item.validTo, locale)}
      </p>
      {partly ? (
        <Feedback kind="error" focusKey={partly}>
          {t("booking.seriesPartly", { booked, count: partly.occurrences.length })}
        </Feedback>
      ) : null}
      {bookError ? (
        <Feedback kind="error" focusKey={refusal.of("book")}>
          {bookError}
        </Feedback>
      ) : null}
      {partly ? (
        <section className="panel" aria-labelledby="series-problems">
          <h2 id="series-problems">{t("booking.notBooked")}</h2>
          <ul className="plain-list">
            {partly.occurrences.map((o) =>
              o.ok ? null : (
                <li key={o.startsAt}>
                  <strong>{when.format(new Date(o.startsAt))}</strong>: {t(`booking.errors.${o.reason}` as "booking.errors.full")}
                  {o.alternatives.length ? (
                    <ul>
                      {o.alternatives.map((a) => (
                        <li key={a.slotId}>
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="slotId" value={a.slotId} />
                            {/* The alternative is booked for the person the series was for. */}
                            <input type="hidden" name="residentId" value={partly.residentId} />
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
            const visitForm = `visit-${v.id}`;
            const mine = refusal.of(visitForm);
            return (
              <li key={v.id}>
                <strong>{when.format(new Date(v.startsAt))}</strong>
                {d.people.length > 1 ? ` – ${v.who}` : null}
                {v.movedFrom ? <span className="muted"> · {t("booking.movedFrom", { date: formatDateTime(v.movedFrom, locale) })}</span> : null}
                {refusal.error(visitForm, "form") ? <p className="field__error" role="alert">{refusal.error(visitForm, "form")}</p> : null}
                <details open={!!mine}>
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
                      defaultValue={refusal.value(visitForm, "slotId")}
                      error={refusal.error(visitForm, "slotId")}
                      options={[{ value: "", label: "—" }, ...d.free.map((s) => ({ value: s.id, label: `${when.format(new Date(s.startsAt))} · ${t("calendar.free", { count: s.free, capacity: s.capacity })}` }))]}
                    />
                    <Field
                      id={`reason-${v.id}`}
                      name="reason"
                      label={t("booking.changeReason")}
                      defaultValue={refusal.value(visitForm, "reason")}
                      error={refusal.error(visitForm, "reason")}
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
                  {t(`booking.visitStatus.${v.visit}`)}
                  {v.late ? `, ${t("booking.late")}` : ""}
                  {v.cancelReason ? ` · ${t("booking.cancelledBecause", { reason: v.cancelReason })}` : ""}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
      {d.planStatus !== "approved" && d.planStatus !== "active" ? <Notice kind="error">{t("booking.errors.outside_plan")}</Notice> : null}
      <p className="pool-line">
        {d.pools.length === 0
          ? t("contracts.noContractForOffer")
          : d.pools.map((p) => (
              <span key={p.id}>
                {t("contracts.forOffer")} {p.number}: <PoolUse pool={p} />
              </span>
            ))}
      </p>
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
