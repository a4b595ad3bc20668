import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useRefusal } from "~/components/refusal";
import { readForm, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { id } from "~/modules/kernel/input";
import { SelectField } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { OfferForm } from "~/components/OfferForm";
import { getProviderProfile } from "~/modules/directory/centres.server";
import { offerFormSchema } from "~/modules/directory/offer-form";
import { createOffer, listLocations } from "~/modules/directory/offers.server";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { actorFrom } from "~/modules/kernel/actor";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "offer.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "provider.offers.manage");
  const providerId = requireProviderId(access);
  const [profile, places] = await Promise.all([getProviderProfile(providerId), listLocations({ providerId })]);
  const centres = (profile?.worksWith ?? []).filter((c) => c.status !== "suspended");
  return { centres, places: places.map((p) => ({ id: p.id, name: p.name, city: p.city })) };
}

/** A new offer: its content and the centre whose service base it is for. */
const NewOfferForm = offerFormSchema.extend({ cusId: id({ message: "provider.errors.centre" }) });

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "provider.offers.manage");
  const providerId = requireProviderId(access);
  const form = await readForm(request, NewOfferForm);
  if (!form.ok) return refuseInput(form, "offer");
  const { cusId, ...content } = form.data;
  const profile = await getProviderProfile(providerId);
  if (!profile?.worksWith.some((c) => c.id === cusId && c.status !== "suspended")) return refuse("offer", { cusId: "provider.errors.centre" }, form.values);
  const created = await createOffer({ providerId, cusId, content, actor: actorFrom(access, context) });
  if (!created.ok) return refuse("offer", { locationIds: "offer.errors.place" }, form.values);
  return done(request, { kind: "success", message: "offer.saved" }, `/provider/offers/${created.offerId}`);
}

export default function NewOffer() {
  const { centres, places } = useLoaderData<typeof loader>();
  const refusal = useRefusal().of("offer");
  const t = useT();
  const errors = refusal?.errors ?? {};
  return (
    <>
      <h1>{t("offer.newTitle")}</h1>
      {Object.keys(errors).length ? <Feedback kind="error">{t("errors.formErrors")} {Object.keys(errors).length}</Feedback> : null}
      <OfferForm values={refusal?.values ?? {}} errors={errors} places={places}>
        <SelectField
          name="cusId"
          label={t("offer.centre")}
          defaultValue={typeof refusal?.values.cusId === "string" ? refusal.values.cusId : centres[0]?.id}
          error={errors.cusId ? t("provider.errors.centre") : undefined}
          options={centres.map((c) => ({ value: c.id, label: c.name }))}
        />
        <button type="submit" className="button button--primary">
          {t("offer.save")}
        </button>
      </OfferForm>
    </>
  );
}
