import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AvailabilityPage } from "~/components/AvailabilityPage";
import { handleAvailabilityAction, loadAvailabilityPage, type AvailabilityFormState } from "~/modules/capacity/availability-page.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { appUrl } from "~/utils/env.server";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "availability.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "centre.activities.manage");
  return loadAvailabilityPage({ cusId: requireCentreId(access) }, new URL(request.url));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "centre.activities.manage");
  const result = await handleAvailabilityAction(await request.formData(), {
    owner: { cusId: requireCentreId(access) },
    actor: { userId: access.user.id, email: access.user.email, ip: context.ip },
    basePath: "/community/calendar",
    feedBaseUrl: appUrl(request),
  });
  if ("redirect" in result) throw redirect(result.redirect);
  return data<AvailabilityFormState>(result.state, { status: result.status });
}

export default function CommunityCalendar() {
  const t = useT();
  return <AvailabilityPage d={useLoaderData<typeof loader>()} state={useActionData<typeof action>()} back={{ to: "/community/activities", label: t("activities.title") }} />;
}
