import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AvailabilityPage } from "~/components/AvailabilityPage";
import { availabilityAction, availabilityFormOf } from "~/modules/capacity/availability-form";
import { handleAvailabilityAction, loadAvailabilityPage } from "~/modules/capacity/availability-page.server";
import { calendarQuery, calendarRange } from "~/modules/capacity/calendar-query";
import { clock } from "~/modules/kernel/clock.server";
import { readForm, readQuery, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { appUrl } from "~/utils/env.server";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { actorFrom } from "~/modules/kernel/actor";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "availability.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "capacity.manage");
  return loadAvailabilityPage({ providerId: requireProviderId(access) }, calendarRange(readQuery(request, calendarQuery).data, clock.now()));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "capacity.manage");
  const form = await readForm(request, availabilityAction);
  if (!form.ok) return refuseInput(form, availabilityFormOf(form.values));
  const result = await handleAvailabilityAction(form.data, {
    owner: { providerId: requireProviderId(access) },
    actor: actorFrom(access, context),
    feedBaseUrl: appUrl(request),
  });
  if ("done" in result) return done(request, result.done);
  if ("refused" in result) return refuse(result.refused.form, result.refused.errors, form.values);
  return { ok: true as const, feedUrl: result.feedUrl };
}

export default function ProviderCalendar() {
  const t = useT();
  return <AvailabilityPage d={useLoaderData<typeof loader>()} answer={useActionData<typeof action>()} back={{ to: "/provider", label: t("nav.home") }} />;
}
