import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PlaceManager } from "~/components/PlaceManager";
import { createLocation, listLocations, toPlaceRow } from "~/modules/directory/offers.server";
import { placeFormSchema } from "~/modules/directory/place-form";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { readForm, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { actorFrom } from "~/modules/kernel/actor";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "provider.places");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "provider.offers.manage");
  const places = await listLocations({ providerId: requireProviderId(access) });
  return { places: places.map(toPlaceRow) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "provider.offers.manage");
  const form = await readForm(request, placeFormSchema);
  if (!form.ok) return refuseInput(form, "place");
  await createLocation({ providerId: requireProviderId(access) }, form.data, actorFrom(access, context));
  return done(request, { kind: "success", message: "provider.placeAdded" });
}

export default function Places() {
  const { places } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p>
        <Link to="/provider">{t("nav.home")}</Link>
      </p>
      <h1>{t("provider.places")}</h1>
      <PlaceManager places={places} />
    </>
  );
}
