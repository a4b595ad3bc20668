import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/Notice";
import { bookSlot } from "~/modules/booking/bookings.server";
import { warsawDate } from "~/modules/capacity/availability";
import { listPlanItemsForOffer } from "~/modules/plans/plans.server";
import { toSlotJson } from "~/modules/capacity/slot-json";
import { getSlotDetail } from "~/modules/capacity/slots.server";
import { requireAccess } from "~/modules/identity/access.server";
import { can } from "~/modules/identity/permissions";
import { useLocale, useT } from "~/utils/i18n-react";
import { intlLocale } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.slot.offerName} – Portal CUS` : "Portal CUS" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "slots.read");
  const { providerId, cusId } = access.membership;
  const found = await getSlotDetail(params.slotId ?? "", providerId ? { providerId } : { cusId: cusId! });
  if ("error" in found) throw new Response(found.error, { status: found.error === "forbidden" ? 403 : 404 });
  // A coordinator can book this slot straight away for a resident whose plan includes the offer on that day.
  const candidates = can(access.membership.role, "plans.manage") && cusId ? await listPlanItemsForOffer(cusId, found.offerId, warsawDate(found.startsAt)) : [];
  return { slot: toSlotJson(found), candidates, canBook: can(access.membership.role, "plans.manage"), backTo: can(access.membership.role, "calendar.shared") ? "/calendar" : "/provider/calendar" };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "plans.manage");
  const cusId = access.membership.cusId!;
  const formData = await request.formData();
  const [residentId, planItemId] = String(formData.get("candidate") ?? "").split(":");
  if (!residentId || !planItemId) return data({ ok: false, message: "booking.errors.chooseResident" }, { status: 400 });
  const result = await bookSlot({ cusId, slotId: params.slotId ?? "", residentId, planItemId, actor: { userId: access.user.id, email: access.user.email, ip: context.ip } });
  return data({ ok: result.ok, message: result.ok ? "booking.booked" : `booking.errors.${result.reason}` }, { status: result.ok ? 200 : 409 });
}

export default function SlotDetails() {
  const { slot, backTo, candidates, canBook } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const when = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: "Europe/Warsaw", dateStyle: "full", timeStyle: "short" });
  const until = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: "Europe/Warsaw", timeStyle: "short" });
  const state = slot.closed ? t("calendar.closed") : slot.free === 0 ? t("calendar.full") : t("calendar.free", { count: slot.free, capacity: slot.capacity });
  return (
    <>
      <p>
        <Link to={backTo}>{t("calendar.back")}</Link>
      </p>
      <h1>{t("calendar.slotTitle", { offer: slot.offerName })}</h1>
      <section className="panel" aria-labelledby="slot-details">
        <h2 id="slot-details">{t("calendar.slotDetails")}</h2>
        <dl className="details">
          <dt>{t("calendar.when")}</dt>
          <dd>
            {when.format(new Date(slot.startsAt))} – {until.format(new Date(slot.endsAt))}
          </dd>
          <dt>{t("calendar.provider")}</dt>
          <dd>{slot.providerName ?? t("catalogue.centreOwn")}</dd>
          <dt>{t("calendar.place")}</dt>
          <dd>{slot.locationName ? `${slot.locationName}${slot.gminaName ? ` (${slot.gminaName})` : ""}` : t("availability.noPlace")}</dd>
          <dt>{t("calendar.capacity")}</dt>
          <dd>{slot.capacity}</dd>
          <dt>{t("calendar.booked")}</dt>
          <dd>{slot.booked}</dd>
          {slot.held ? (
            <>
              <dt>{t("calendar.held")}</dt>
              <dd>{slot.held}</dd>
            </>
          ) : null}
          <dt>{t("calendar.status")}</dt>
          <dd>
            <strong>{state}</strong>
          </dd>
        </dl>
        <p>
          <Link to={`/catalogue/${slot.offerId}`}>{t("calendar.offerPage")}</Link>
        </p>
      </section>
      {result ? <Notice kind={result.ok ? "success" : "error"}>{t(result.message as "booking.booked")}</Notice> : null}
      {candidates.length && !slot.closed && slot.free > 0 ? (
        <Form method="post" className="panel">
          <fieldset className="checkbox-group slot-choices">
            <legend>{t("calendar.bookFor")}</legend>
            {candidates.map((c) => (
              <label key={`${c.residentId}:${c.itemId}`}>
                <input type="radio" name="candidate" value={`${c.residentId}:${c.itemId}`} required /> {c.name} ({c.frequency})
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button button--primary">
            {t("booking.book")}
          </button>
        </Form>
      ) : canBook ? (
        <p className="muted">{t("calendar.bookingNext")}</p>
      ) : null}
    </>
  );
}
