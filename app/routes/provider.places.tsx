import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PlaceManager, type PlaceActionData } from "~/components/PlaceManager";
import { createLocation, listLocations, toPlaceRow } from "~/modules/directory/offers.server";
import { readPlaceForm } from "~/modules/directory/place-form";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { fieldErrors } from "~/utils/forms";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "provider.places");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "provider.offers.manage");
  const places = await listLocations({ providerId: requireProviderId(access) });
  return { places: places.map(toPlaceRow) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "provider.offers.manage");
  const { values, parsed } = readPlaceForm(await request.formData());
  if (!parsed.success) return data({ ok: false, errors: fieldErrors(parsed.error), values }, { status: 400 });
  await createLocation({ providerId: requireProviderId(access) }, parsed.data, { userId: access.user.id, email: access.user.email, ip: context.ip });
  return { ok: true, errors: {} as Record<string, string>, values: {} as Record<string, string> };
}

export default function Places() {
  const { places } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as PlaceActionData;
  const t = useT();
  return (
    <>
      <p>
        <Link to="/provider">{t("nav.home")}</Link>
      </p>
      <h1>{t("provider.places")}</h1>
      <PlaceManager places={places} actionData={actionData} />
    </>
  );
}
