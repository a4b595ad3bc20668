import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Feedback } from "~/components/Feedback";
import { bookSlot } from "~/modules/booking/seats.server";
import { warsawDate } from "~/modules/kernel/dates";
import { listPlanItemsForOffer } from "~/modules/plans/plans.server";
import { toSlotJson } from "~/modules/capacity/slot-json";
import { getSlotDetail } from "~/modules/capacity/slots.server";
import { z } from "zod";
import { errorText } from "~/components/refusal";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { forbidden, notFound, readForm, readParams, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { id } from "~/modules/kernel/input";
import { isRefusal } from "~/modules/kernel/refusal";
import { can } from "~/modules/identity/permissions";
import { useLocale, useT } from "~/utils/i18n-react";
import { intlLocale } from "~/utils/format";
import { actorFrom } from "~/modules/kernel/actor";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.slot.offerName} – Portal CUS` : "Portal CUS" }];

const SlotParams = z.object({ slotId: id() });
/** The coordinator picks a resident and the plan item the visit is booked under: "<residentId>:<planItemId>". */
const BookFromSlot = z.object({
  candidate: z
    .string({ error: "booking.errors.chooseResident" })
    .transform((v) => v.split(":"))
    .pipe(z.tuple([id({ message: "booking.errors.chooseResident" }), id({ message: "booking.errors.chooseResident" })], { error: "booking.errors.chooseResident" })),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "slots.read");
  const { providerId, cusId } = access.membership;
  const { slotId } = readParams(params, SlotParams);
  const found = await getSlotDetail(slotId, providerId ? { providerId } : { cusId: cusId! });
  if ("error" in found) throw found.error === "forbidden" ? forbidden() : notFound();
  // A coordinator can book this slot straight away for a resident whose plan includes the offer on that day.
  const candidates = can(access.membership.role, "plans.manage") && cusId ? await listPlanItemsForOffer(cusId, found.offerId, warsawDate(found.startsAt)) : [];
  return { slot: toSlotJson(found), candidates, canBook: can(access.membership.role, "plans.manage"), backTo: can(access.membership.role, "calendar.shared") ? "/calendar" : "/provider/calendar" };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "plans.manage");
  const cusId = requireCentreId(access);
  const { slotId } = readParams(params, SlotParams);
  const form = await readForm(request, BookFromSlot);
  if (!form.ok) return refuseInput(form, "book");
  const [residentId, planItemId] = form.data.candidate;
  const result = await bookSlot({ cusId, slotId, residentId, planItemId, actor: actorFrom(access, context) });
  return result.ok ? done(request, { kind: "success", message: "booking.booked" }) : refuse("book", { form: `booking.errors.${result.reason}` }, form.values, 409);
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
      {isRefusal(result) ? <Feedback kind="error">{errorText(t, result.errors.form ?? result.errors.candidate)}</Feedback> : null}
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
