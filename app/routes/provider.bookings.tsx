import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { addDays, formatISO, parseISO, startOfISOWeek } from "date-fns";
import { Notice } from "~/components/Notice";
import { listProviderBookings, recordAttendance } from "~/modules/booking/bookings.server";
import { warsawDate, warsawInstant } from "~/modules/capacity/availability";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { useLocale, useT } from "~/utils/i18n-react";
import { intlLocale } from "~/utils/format";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "delivery.title");

function weekStart(param: string | null) {
  const day = param && /^\d{4}-\d{2}-\d{2}$/.test(param) ? param : warsawDate(new Date());
  return formatISO(startOfISOWeek(parseISO(day)), { representation: "date" });
}
const shift = (day: string, days: number) => formatISO(addDays(parseISO(day), days), { representation: "date" });

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "provider.bookings");
  const monday = weekStart(new URL(request.url).searchParams.get("week"));
  const rows = await listProviderBookings(requireProviderId(access), warsawInstant(monday, 0), warsawInstant(shift(monday, 7), 0));
  const now = Date.now();
  return {
    monday,
    previous: shift(monday, -7),
    next: shift(monday, 7),
    rows: rows.map((b) => ({
      ...b,
      startsAt: b.startsAt.toISOString(),
      endsAt: b.endsAt.toISOString(),
      started: b.startsAt.getTime() <= now,
      // What was planned, as the default for "delivered": the visit's length in hours, or one unit.
      plannedUnits: b.unit === "hour" ? Math.round(((b.endsAt.getTime() - b.startsAt.getTime()) / 3_600_000) * 100) / 100 : 1,
    })),
  };
}

type Saved = { saved: number; problems: { id: string; reason: string }[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "provider.bookings");
  const providerId = requireProviderId(access);
  const actor = { userId: access.user.id, email: access.user.email, ip: context.ip };
  const formData = await request.formData();
  const only = formData.get("only");
  const ids = only ? [String(only)] : formData.getAll("bookingId").map(String);
  const result: Saved = { saved: 0, problems: [] };
  for (const id of ids) {
    const attendance = formData.get(`attendance.${id}`);
    if (attendance !== "delivered" && attendance !== "no_show") continue;
    const unitsText = String(formData.get(`units.${id}`) ?? "").replace(",", ".").trim();
    const outcome = await recordAttendance({ bookingId: id, providerId, attendance, units: attendance === "delivered" ? (unitsText === "" ? null : Number(unitsText)) : null, actor });
    if (outcome.ok) result.saved += 1;
    else if (outcome.reason === "forbidden" || outcome.reason === "not_found") throw new Response("Not found", { status: 404 });
    else result.problems.push({ id, reason: outcome.reason });
  }
  return data(result, { status: result.problems.length ? 400 : 200 });
}

export default function ProviderBookings() {
  const d = useLoaderData<typeof loader>();
  const saved = useActionData<typeof action>() as Saved | undefined;
  const t = useT();
  const locale = useLocale();
  const when = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: "Europe/Warsaw", weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
  const units = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2, useGrouping: false });
  const problem = (id: string) => saved?.problems.find((p) => p.id === id)?.reason;
  const open = d.rows.filter((r) => r.status === "active" && r.started);
  return (
    <>
      <h1>{t("delivery.title")}</h1>
      <p>{t("delivery.intro")}</p>
      {saved ? <Notice kind={saved.problems.length ? "error" : "success"}>{t("delivery.saved", { count: saved.saved })}{saved.problems.length ? ` ${t("delivery.problems", { count: saved.problems.length })}` : ""}</Notice> : null}
      <nav className="pagination" aria-label={t("delivery.weeks")}>
        <Link to={`?week=${d.previous}`}>{t("delivery.previousWeek")}</Link>
        <span>{t("delivery.week", { from: d.monday, to: shift(d.monday, 6) })}</span>
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
                        <span>{t("booking.status.cancelled")}{b.lateCancellation ? ` (${t("booking.late")})` : ""}</span>
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
                            <input type="text" inputMode="decimal" size={5} name={`units.${b.id}`} defaultValue={units.format(Number(b.deliveredUnits ?? b.plannedUnits))} aria-invalid={problem(b.id) === "units" ? true : undefined} />
                          </label>
                          {problem(b.id) ? <p className="field__error">{t(`delivery.errors.${problem(b.id)}` as "delivery.errors.units")}</p> : null}
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
