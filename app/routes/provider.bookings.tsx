import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useRefusal } from "~/components/refusal";
import { clock } from "~/modules/kernel/clock.server";
import { notFound, readForm, readQuery, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { choice, date, decimal, id, many, optionalId } from "~/modules/kernel/input";
import { Feedback } from "~/components/Feedback";
import { listProviderBookings } from "~/modules/booking/queries.server";
import { recordAttendance } from "~/modules/booking/attendance.server";
import { addDays, mondayOf, warsawDate, warsawInstant } from "~/modules/kernel/dates";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { useLocale, useT } from "~/utils/i18n-react";
import { intlLocale, formatDate } from "~/utils/format";
import { pageTitle } from "~/utils/meta";
import { actorFrom } from "~/modules/kernel/actor";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "delivery.title");

const WeekQuery = z.object({ week: date({ min: "2020-01-01", max: "2100-12-31" }).optional().catch(undefined) });

const attendanceChoice = choice(["delivered", "no_show"]);
const deliveredUnits = decimal({ min: 0.01, max: 1000, scale: 2, message: "delivery.errors.units" });

/**
 * The timesheet: one row per visit, `attendance.<id>` and `units.<id>` for each booking listed (or only the
 * one whose "save" was pressed). Rows are read one by one, so a mistake in one row does not hold up the week.
 */
const Timesheet = z.looseObject({ only: optionalId(), bookingId: many(id(), { max: 500 }) }).transform((v) => {
  const rows: { bookingId: string; attendance: "delivered" | "no_show"; units: number | null }[] = [];
  const problems: Record<string, string> = {};
  for (const bookingId of v.only ? [v.only] : v.bookingId) {
    const raw = v[`attendance.${bookingId}`];
    if (raw === undefined || raw === "") continue;
    const attendance = attendanceChoice.safeParse(raw);
    if (!attendance.success) {
      problems[`units.${bookingId}`] = "input.choice";
      continue;
    }
    if (attendance.data === "no_show") {
      rows.push({ bookingId, attendance: "no_show", units: null });
      continue;
    }
    const units = deliveredUnits.safeParse(v[`units.${bookingId}`] ?? "");
    if (units.success) rows.push({ bookingId, attendance: "delivered", units: units.data });
    else problems[`units.${bookingId}`] = "delivery.errors.units";
  }
  return { rows, problems };
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "provider.bookings");
  const providerId = requireProviderId(access);
  const { week } = readQuery(request, WeekQuery).data;
  const monday = mondayOf(week ?? warsawDate(clock.now()));
  const rows = await listProviderBookings(providerId, warsawInstant(monday), warsawInstant(addDays(monday, 7)), actorFrom(access, context));
  const at = clock.now().getTime();
  return {
    monday,
    sunday: addDays(monday, 6),
    previous: addDays(monday, -7),
    next: addDays(monday, 7),
    rows: rows.map((b) => ({
      ...b,
      startsAt: b.startsAt.toISOString(),
      endsAt: b.endsAt.toISOString(),
      started: b.startsAt.getTime() <= at,
      // What was planned, as the default for "delivered": the visit's length in hours, or one unit.
      plannedUnits: b.unit === "hour" ? Math.round(((b.endsAt.getTime() - b.startsAt.getTime()) / 3_600_000) * 100) / 100 : 1,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "provider.bookings");
  const providerId = requireProviderId(access);
  const actor = actorFrom(access, context);
  const form = await readForm(request, Timesheet);
  if (!form.ok) return refuseInput(form, "timesheet");
  const problems: Record<string, string> = { ...form.data.problems };
  let saved = 0;
  for (const row of form.data.rows) {
    const outcome = await recordAttendance({ ...row, providerId, actor });
    if (outcome.ok) saved += 1;
    else if (outcome.reason === "forbidden" || outcome.reason === "not_found") throw notFound();
    else problems[`units.${row.bookingId}`] = `delivery.errors.${outcome.reason}`;
  }
  if (Object.keys(problems).length) return refuse("timesheet", problems, form.values, 400, { saved });
  return done(request, { kind: "success", message: "delivery.saved", params: { count: saved } });
}

export default function ProviderBookings() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as { ok: false; saved?: number } | undefined;
  const refusal = useRefusal();
  const problemCount = Object.keys(refusal.of("timesheet")?.errors ?? {}).length;
  const t = useT();
  const locale = useLocale();
  const when = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: "Europe/Warsaw", weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
  const units = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2, useGrouping: false });
  const problem = (id: string) => refusal.error("timesheet", `units.${id}`);
  const open = d.rows.filter((r) => r.status === "active" && r.started);
  return (
    <>
      <h1>{t("delivery.title")}</h1>
      <p>{t("delivery.intro")}</p>
      {answer ? (
        <Feedback kind="error" focusKey={answer}>
          {t("delivery.saved", { count: answer.saved ?? 0 })}
          {problemCount ? ` ${t("delivery.problems", { count: problemCount })}` : ""}
        </Feedback>
      ) : null}
      <nav className="pagination" aria-label={t("delivery.weeks")}>
        <Link to={`?week=${d.previous}`}>{t("delivery.previousWeek")}</Link>
        <span>{t("delivery.week", { from: formatDate(d.monday, locale), to: formatDate(d.sunday, locale) })}</span>
        <Link to={`?week=${d.next}`}>{t("delivery.nextWeek")}</Link>
      </nav>
      {d.rows.length === 0 ? (
        <p>{t("delivery.none")}</p>
      ) : (
        <Form method="post">
          <div className="table-scroll">
            <table>
              <caption>{t("delivery.timesheet")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("calendar.when")}</th>
                  <th scope="col">{t("delivery.resident")}</th>
                  <th scope="col">{t("calendar.offer")}</th>
                  <th scope="col">{t("delivery.record")}</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((b) => (
                  <tr key={b.id} className={b.status === "cancelled" ? "slot-row--closed" : undefined}>
                    <td>{when.format(new Date(b.startsAt))}</td>
                    <td>
                      <strong>{b.residentName}</strong>
                      {b.residentPhone ? <div>{b.residentPhone}</div> : null}
                      {b.residentAddress ? <div className="muted">{b.residentAddress}</div> : null}
                      {b.accessNeeds ? <div className="muted">{t("residents.accessNeeds")}: {b.accessNeeds}</div> : null}
                    </td>
                    <td>
                      {b.offerName}
                      <div className="muted">{b.placeName ?? t("availability.noPlace")}</div>
                    </td>
                    <td>
                      {b.status === "cancelled" ? (
                        <span>
                          {t("booking.visitStatus.cancelled")}
                          {b.lateCancellation ? ` (${t("booking.late")})` : ""}
                          {b.cancelReason ? <span className="muted"> · {t("booking.cancelledBecause", { reason: b.cancelReason })}</span> : null}
                        </span>
                      ) : !b.started ? (
                        <span className="muted">{t("delivery.upcoming")}</span>
                      ) : (
                        <fieldset className="attendance">
                          <legend className="visually-hidden">
                            {b.residentName}, {when.format(new Date(b.startsAt))}
                          </legend>
                          <input type="hidden" name="bookingId" value={b.id} />
                          <label>
                            <input type="radio" name={`attendance.${b.id}`} value="delivered" defaultChecked={b.attendance === "delivered"} /> {t("delivery.delivered")}
                          </label>
                          <label>
                            <input type="radio" name={`attendance.${b.id}`} value="no_show" defaultChecked={b.attendance === "no_show"} /> {t("delivery.noShow")}
                          </label>
                          <label>
                            {t("delivery.units", { unit: t(`units.${b.unit}` as "units.hour") })}{" "}
                            <input type="text" inputMode="decimal" size={5} name={`units.${b.id}`} defaultValue={refusal.value("timesheet", `units.${b.id}`, units.format(Number(b.deliveredUnits ?? b.plannedUnits)))} aria-invalid={problem(b.id) ? true : undefined} />
                          </label>
                          {problem(b.id) ? <p className="field__error">{problem(b.id)}</p> : null}
                          <button type="submit" name="only" value={b.id} className="button">
                            {t("delivery.saveOne")}
                            <span className="visually-hidden">: {b.residentName}</span>
                          </button>
                        </fieldset>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {open.length ? (
            <button type="submit" className="button button--primary">
              {t("delivery.saveWeek")}
            </button>
          ) : null}
        </Form>
      )}
    </>
  );
}
