import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/Field";
import { Notice } from "~/components/Notice";
import { accessibilityFeatures } from "~/modules/directory/areas";
import { createLocation, listProviderLocations } from "~/modules/directory/offers.server";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { fieldErrors, formValues } from "~/utils/forms";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "provider.places");

const PlaceForm = z.object({
  name: z.string().trim().min(2, "provider.errors.name").max(200),
  street: z.string().trim().min(2, "provider.errors.street").max(300),
  postalCode: z.string().trim().regex(/^\d{2}-\d{3}$/, "provider.errors.postalCode"),
  city: z.string().trim().min(2, "provider.errors.city").max(200),
  gminaName: z.string().trim().min(2, "provider.errors.gmina").max(200),
  accessibility: z.array(z.enum(accessibilityFeatures)),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "provider.offers.manage");
  const places = await listProviderLocations(requireProviderId(access));
  return { places: places.map((p) => ({ id: p.id, name: p.name, address: `${p.street}, ${p.postalCode} ${p.city}`, gmina: p.gminaName, accessibility: p.accessibility })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "provider.offers.manage");
  const formData = await request.formData();
  const values = formValues(formData);
  const parsed = PlaceForm.safeParse({ ...values, accessibility: formData.getAll("accessibility").map(String) });
  if (!parsed.success) return data({ ok: false, errors: fieldErrors(parsed.error), values }, { status: 400 });
  await createLocation(requireProviderId(access), parsed.data, { userId: access.user.id, email: access.user.email, ip: context.ip });
  return { ok: true, errors: {} as Record<string, string>, values: {} as Record<string, string> };
}

export default function Places() {
  const { places } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errors = actionData?.errors ?? {};
  const values = actionData?.ok ? {} : (actionData?.values ?? {});
  const err = (k: string) => (errors[k] ? t(errors[k] as "provider.errors.street") : undefined);
  return (
    <>
      <p>
        <Link to="/provider">{t("nav.home")}</Link>
      </p>
      <h1>{t("provider.places")}</h1>
      {actionData?.ok ? <Notice kind="success">{t("provider.placeAdded")}</Notice> : null}
      {places.length === 0 ? (
        <p>{t("provider.noPlaces")}</p>
      ) : (
        <ul className="plain-list">
          {places.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong>, {p.address} ({p.gmina})
              {p.accessibility.length ? <div className="muted">{p.accessibility.map((a) => t(`accessibility.${a}` as "accessibility.lift")).join(", ")}</div> : null}
            </li>
          ))}
        </ul>
      )}
      <section className="panel" aria-labelledby="new-place-title">
        <h2 id="new-place-title">{t("provider.newPlace")}</h2>
        <Form method="post" noValidate>
          <Field name="name" label={t("provider.placeName")} defaultValue={values.name ?? ""} error={err("name")} required />
          <div className="grid-fields">
            <Field name="street" label={t("provider.street")} defaultValue={values.street ?? ""} error={err("street")} required />
            <Field name="postalCode" label={t("provider.postalCode")} defaultValue={values.postalCode ?? ""} error={err("postalCode")} required />
            <Field name="city" label={t("provider.city")} defaultValue={values.city ?? ""} error={err("city")} required />
            <Field name="gminaName" label={t("provider.gmina")} defaultValue={values.gminaName ?? ""} error={err("gminaName")} required />
          </div>
          <fieldset className="checkbox-group">
            <legend>{t("catalogue.accessibility")}</legend>
            {accessibilityFeatures.map((a) => (
              <label key={a}>
                <input type="checkbox" name="accessibility" value={a} />
                {t(`accessibility.${a}`)}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button button--primary">
            {t("provider.newPlace")}
          </button>
        </Form>
      </section>
    </>
  );
}
