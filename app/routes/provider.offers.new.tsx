import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { SelectField } from "~/components/Field";
import { Notice } from "~/components/Notice";
import { OfferForm } from "~/components/OfferForm";
import { getProviderProfile } from "~/modules/directory/centres.server";
import { offerFormSchema, readOfferForm } from "~/modules/directory/offer-form";
import { createOffer, listLocations } from "~/modules/directory/offers.server";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { fieldErrors } from "~/utils/forms";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "offer.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "provider.offers.manage");
  const providerId = requireProviderId(access);
  const [profile, places] = await Promise.all([getProviderProfile(providerId), listLocations({ providerId })]);
  const centres = (profile?.worksWith ?? []).filter((c) => c.status !== "suspended");
  return { centres, places: places.map((p) => ({ id: p.id, name: p.name, city: p.city })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "provider.offers.manage");
  const providerId = requireProviderId(access);
  const formData = await request.formData();
  const raw = readOfferForm(formData);
  const cusId = String(formData.get("cusId") ?? "");
  const profile = await getProviderProfile(providerId);
  const allowedCentre = profile?.worksWith.some((c) => c.id === cusId && c.status !== "suspended");
  const parsed = offerFormSchema.safeParse(raw);
  if (!parsed.success || !allowedCentre) {
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    if (!allowedCentre) errors.cusId = "provider.errors.centre";
    return data({ errors, values: { ...raw, cusId } }, { status: 400 });
  }
  const created = await createOffer({ providerId, cusId, content: parsed.data, actor: { userId: access.user.id, email: access.user.email, ip: context.ip } });
  if (!created.ok) return data({ errors: { locationIds: "offer.errors.place" } as Record<string, string>, values: { ...raw, cusId } }, { status: 400 });
  throw redirect(`/provider/offers/${created.offerId}?saved=1`);
}

export default function NewOffer() {
  const { centres, places } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errors = actionData?.errors ?? {};
  return (
    <>
      <h1>{t("offer.newTitle")}</h1>
      {Object.keys(errors).length ? <Notice kind="error">{t("errors.formErrors")} {Object.keys(errors).length}</Notice> : null}
      <OfferForm values={actionData?.values ?? {}} errors={errors} places={places}>
        <SelectField
          name="cusId"
          label={t("offer.centre")}
          defaultValue={typeof actionData?.values.cusId === "string" ? actionData.values.cusId : centres[0]?.id}
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
