import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { visitStatus } from "~/modules/booking/visit-status";
import { Field } from "~/components/Field";
import { FeedSubscription } from "~/components/FeedSubscription";
import { Feedback } from "~/components/Feedback";
import { cancelBooking, requestBookingChange } from "~/modules/booking/changes.server";
import { listResidentBookings } from "~/modules/booking/queries.server";
import { getCurrentPlanForResident } from "~/modules/plans/plans.server";
import { listPayerStatements, outstandingOf } from "~/modules/billing/statements.server";
import { StatementsPanel } from "~/components/billing/StatementsPanel";
import { CopaySentence } from "~/components/billing/CopayPreview";
import { previewCopay } from "~/modules/billing/preview.server";
import { warsawDate } from "~/modules/kernel/dates";
import { getFeedStatus, regenerateFeedToken } from "~/modules/booking/calendar-feeds.server";
import { appUrl } from "~/utils/env.server";
import { CentreCard } from "~/components/CentreCard";
import { getCentre } from "~/modules/directory/centres.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { getOwnResidentRecord } from "~/modules/plans/residents.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { translatedForResidents } from "~/utils/i18n";
import { actorFrom } from "~/modules/kernel/actor";
import { clock } from "~/modules/kernel/clock.server";
import { z } from "zod";
import { useRefusal } from "~/components/refusal";
import { done } from "~/modules/kernel/feedback.server";
import { notFound, readForm, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { id, intents, text } from "~/modules/kernel/input";

/** Residents read this page in Ukrainian too. */
export const handle = translatedForResidents;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "home.myData");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "resident.self");
  const cusId = requireCentreId(access);
  const [centre, record] = await Promise.all([getCentre(cusId), getOwnResidentRecord(access.user.id, cusId)]);
  if (!centre) throw new Response("Not found", { status: 404 });
  const [feed, plan, bookingRows, statementRows] = record
    ? await Promise.all([getFeedStatus({ residentId: record.id }), getCurrentPlanForResident(record.id), listResidentBookings(record.id), listPayerStatements(cusId, record.id)])
    : [null, null, [], []];
  const now = clock.now().getTime();
  const copay = plan ? await previewCopay({ cusId, residentId: plan.plan.residentId, items: plan.items, day: warsawDate(clock.now()) }) : null;
  const toRow = (b: (typeof bookingRows)[number]) => ({ ...b, visit: visitStatus(b, clock.now()), startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString() });
  return {
    plan: plan
      ? {
          id: plan.plan.id,
          validFrom: plan.plan.validFrom,
          validTo: plan.plan.validTo,
          goals: plan.goals.map((g) => ({ id: g.id, description: g.description })),
          items: plan.items.map((i) => ({ id: i.id, offerName: i.offerName, providerName: i.providerName, units: i.units, unit: i.unit, frequency: i.frequency })),
          copay,
        }
      : null,
    upcoming: bookingRows.filter((b) => b.status === "active" && b.startsAt.getTime() > now).map(toRow),
    past: bookingRows.filter((b) => b.status !== "active" || b.startsAt.getTime() <= now).map(toRow).reverse().slice(0, 20),
    statements: statementRows.map((st) => ({ id: st.id, month: st.month, reference: st.reference, status: st.status, totalGrosze: st.totalGrosze, outstandingGrosze: outstandingOf(st) })),
    name: access.user.name,
    hasRecord: !!record,
    feedCreatedAt: feed?.createdAt.toISOString() ?? null,
    centre,
    record: record
      ? {
          name: `${record.firstName} ${record.lastName}`,
          birthDate: record.birthDate,
          address: [record.street, [record.postalCode, record.city].filter(Boolean).join(" ")].filter(Boolean).join(", "),
          gmina: record.gminaName,
          phone: record.phone,
          email: record.email,
        }
      : null,
  };
}

/** What a resident can do on their page: ask for a change of a visit, cancel one, (re)make their calendar address. */
const ResidentAction = intents([
  z.object({ intent: z.literal("change"), bookingId: id(), message: text({ min: 3, max: 2000, message: "booking.errors.message_required" }) }),
  z.object({ intent: z.literal("cancel"), bookingId: id(), reason: text({ min: 1, max: 500, message: "booking.errors.reason_required" }) }),
  z.object({ intent: z.literal("feed") }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "resident.self");
  const record = await getOwnResidentRecord(access.user.id, requireCentreId(access));
  if (!record) throw notFound();
  const form = await readForm(request, ResidentAction);
  const formOf = (values: Record<string, unknown>) => `${String(values.intent)}-${String(values.bookingId)}`;
  if (!form.ok) return refuseInput(form, formOf(form.values));
  const input = form.data;
  const actor = actorFrom(access, context);
  if (input.intent === "change") {
    const result = await requestBookingChange({ bookingId: input.bookingId, residentId: record.id, message: input.message, actor });
    if (!result.ok && result.reason === "not_found") throw notFound();
    if (!result.ok) return refuse(formOf(form.values), { message: `booking.errors.${result.reason}` }, form.values);
    return done(request, { kind: "success", message: "booking.changeRequested" });
  }
  if (input.intent === "cancel") {
    const result = await cancelBooking({ bookingId: input.bookingId, scope: { residentId: record.id }, by: "resident", reason: input.reason, actor });
    if (!result.ok && (result.reason === "forbidden" || result.reason === "not_found")) throw notFound();
    if (!result.ok) return refuse(formOf(form.values), { form: `booking.errors.${result.reason}` }, form.values, 409);
    return done(request, { kind: "success", message: "booking.cancelled" });
  }
  const token = await regenerateFeedToken({ residentId: record.id }, actor);
  // The feed's address is a secret shown once, on this answer only.
  return { ok: true as const, feedUrl: `${appUrl(request)}/feeds/${token}.ics` };
}

type Done = { ok: true; feedUrl: string };

export default function ResidentHome() {
  const { name, centre, record, hasRecord, feedCreatedAt, plan, upcoming, past, statements } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as Done | { ok: false } | undefined;
  const answered = answer?.ok ? answer : undefined;
  const refusal = useRefusal();
  const refusedForm = refusal.refusal?.form ?? "";
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{t("home.welcome", { name })}</h1>
      <section className="panel" aria-labelledby="my-data-title">
        <h2 id="my-data-title">{t("home.myData")}</h2>
        {record ? (
          <dl className="details details--large">
            <dt>{t("home.residentName")}</dt>
            <dd>{record.name}</dd>
            {record.birthDate ? (
              <>
                <dt>{t("home.birthDate")}</dt>
                <dd>{formatDate(`${record.birthDate}T12:00:00Z`, locale)}</dd>
              </>
            ) : null}
            <dt>{t("home.address")}</dt>
            <dd>{record.address || "—"}</dd>
            <dt>{t("home.gmina")}</dt>
            <dd>{record.gmina ?? "—"}</dd>
            <dt>{t("home.phone")}</dt>
            <dd>{record.phone ?? "—"}</dd>
            <dt>{t("home.email")}</dt>
            <dd>{record.email ?? "—"}</dd>
          </dl>
        ) : (
          <p>{t("home.noResidentRecord")}</p>
        )}
      </section>
      {refusal.error(refusedForm, "form") ? (
        <Feedback kind="error" focusKey={refusal.refusal}>
          {refusal.error(refusedForm, "form")}
        </Feedback>
      ) : null}
      {hasRecord ? <StatementsPanel statements={statements} /> : null}
      {plan ? (
        <section className="panel" aria-labelledby="my-plan-title">
          <h2 id="my-plan-title">{t("plans.mine")}</h2>
          <p className="lead">{t("plans.period", { from: formatDate(plan.validFrom, locale), to: formatDate(plan.validTo, locale) })}</p>
          {plan.copay ? <CopaySentence preview={plan.copay} /> : null}
          <p>
            <Link to={`/plans/${plan.id}/print`}>{t("plans.printMine")}</Link>
          </p>
          {plan.goals.length ? (
            <>
              <h3>{t("plans.goals")}</h3>
              <ul>
                {plan.goals.map((g) => (
                  <li key={g.id}>{g.description}</li>
                ))}
              </ul>
            </>
          ) : null}
          <h3>{t("plans.items")}</h3>
          <ul>
            {plan.items.map((i) => (
              <li key={i.id}>
                <strong>{i.offerName}</strong> – {i.providerName ?? centre.name}: {i.units} × {t(`units.${i.unit}` as "units.hour")}, {i.frequency}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {hasRecord ? (
        <section className="panel" aria-labelledby="my-visits-title">
          <h2 id="my-visits-title">{t("booking.upcoming")}</h2>
          {upcoming.length === 0 ? <p>{t("booking.none")}</p> : null}
          <ul className="visit-list">
            {upcoming.map((b) => (
              <li key={b.id} className="visit">
                <p className="visit__when">{formatDateTime(b.startsAt, locale)}</p>
                <p>
                  <strong>{b.offerName}</strong>
                  <br />
                  {b.providerName ?? centre.name}
                  {b.providerPhone ? `, tel. ${b.providerPhone}` : ""}
                  <br />
                  {b.placeName ? `${b.placeName}, ${b.placeAddress}` : t("availability.noPlace")}
                </p>
                <details open={!!refusal.of(`change-${b.id}`)}>
                  <summary>{t("booking.askChange")}</summary>
                  <Form method="post">
                    <input type="hidden" name="intent" value="change" />
                    <input type="hidden" name="bookingId" value={b.id} />
                    <Field id={`message-${b.id}`} name="message" label={t("booking.changeMessage")} defaultValue={refusal.value(`change-${b.id}`, "message")} error={refusal.error(`change-${b.id}`, "message")} required />
                    <button type="submit" className="button">
                      {t("booking.sendChange")}
                      <span className="visually-hidden">: {b.offerName}</span>
                    </button>
                  </Form>
                </details>
                <details open={!!refusal.of(`cancel-${b.id}`)}>
                  <summary>{t("booking.cancel")}</summary>
                  <Form method="post">
                    <input type="hidden" name="intent" value="cancel" />
                    <input type="hidden" name="bookingId" value={b.id} />
                    <Field id={`reason-${b.id}`} name="reason" label={t("booking.cancelReason")} defaultValue={refusal.value(`cancel-${b.id}`, "reason")} error={refusal.error(`cancel-${b.id}`, "reason")} required />
                    <button type="submit" className="button button--danger">
                      {t("booking.cancel")}
                      <span className="visually-hidden">: {b.offerName}</span>
                    </button>
                  </Form>
                </details>
              </li>
            ))}
          </ul>
          {past.length ? (
            <>
              <h3>{t("booking.past")}</h3>
              <ul className="plain-list">
                {past.map((b) => (
                  <li key={b.id}>
                    {formatDateTime(b.startsAt, locale)} – {b.offerName} ({t(`booking.visitStatus.${b.visit}`)}
                    {b.lateCancellation ? `, ${t("booking.late")}` : ""})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
      {hasRecord ? <FeedSubscription createdAt={feedCreatedAt} newUrl={answered?.feedUrl ?? null} /> : null}
      <p className="lead">{t("home.myCentreIntro")}</p>
      <CentreCard centre={centre} headingId="centre-title" heading={t("home.myCentre")} />
    </>
  );
}
