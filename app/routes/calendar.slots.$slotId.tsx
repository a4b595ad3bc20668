import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { toSlotJson } from "~/modules/capacity/slot-json";
import { getSlotDetail } from "~/modules/capacity/slots.server";
import { requireAccess } from "~/modules/identity/access.server";
import { can } from "~/modules/identity/permissions";
import { useLocale, useT } from "~/utils/i18n-react";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.slot.offerName} – Portal CUS` : "Portal CUS" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "slots.read");
  const { providerId, cusId } = access.membership;
  const found = await getSlotDetail(params.slotId ?? "", providerId ? { providerId } : { cusId: cusId! });
  if ("error" in found) throw new Response(found.error, { status: found.error === "forbidden" ? 403 : 404 });
  return { slot: toSlotJson(found), backTo: can(access.membership.role, "calendar.shared") ? "/calendar" : "/provider/calendar" };
}

export default function SlotDetails() {
  const { slot, backTo } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const when = new Intl.DateTimeFormat(locale === "pl" ? "pl-PL" : "en-GB", { timeZone: "Europe/Warsaw", dateStyle: "full", timeStyle: "short" });
  const until = new Intl.DateTimeFormat(locale === "pl" ? "pl-PL" : "en-GB", { timeZone: "Europe/Warsaw", timeStyle: "short" });
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
        <p className="muted">{t("calendar.bookingNext")}</p>
      </section>
    </>
  );
}
