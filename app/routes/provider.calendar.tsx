import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AvailabilityPage } from "~/components/AvailabilityPage";
import { handleAvailabilityAction, loadAvailabilityPage, type AvailabilityFormState } from "~/modules/capacity/availability-page.server";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { appUrl } from "~/utils/env.server";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "availability.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "capacity.manage");
  return loadAvailabilityPage({ providerId: requireProviderId(access) }, new URL(request.url));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "capacity.manage");
  const result = await handleAvailabilityAction(await request.formData(), {
    owner: { providerId: requireProviderId(access) },
    actor: { userId: access.user.id, email: access.user.email, ip: context.ip },
    basePath: "/provider/calendar",
    feedBaseUrl: appUrl(request),
  });
  if ("redirect" in result) throw redirect(result.redirect);
  return data<AvailabilityFormState>(result.state, { status: result.status });
}

export default function ProviderCalendar() {
  const t = useT();
  return <AvailabilityPage d={useLoaderData<typeof loader>()} state={useActionData<typeof action>()} back={{ to: "/provider", label: t("nav.home") }} />;
}
