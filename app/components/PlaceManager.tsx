import { Form } from "@remix-run/react";
import { Field } from "~/components/Field";
import { Notice } from "~/components/Notice";
import { accessibilityFeatures } from "~/modules/directory/areas";
import { useT } from "~/utils/i18n-react";

export type PlaceRow = { id: string; name: string; address: string; gmina: string; accessibility: string[] };
export type PlaceActionData = { ok: boolean; errors: Record<string, string>; values: Record<string, string> } | undefined;

/** The list of places and the form that adds one; nothing typed is lost on an error. */
export function PlaceManager({ places, actionData, hiddenIntent }: { places: PlaceRow[]; actionData: PlaceActionData; hiddenIntent?: string }) {
  const t = useT();
  const errors = actionData?.errors ?? {};
  const values = actionData?.ok ? {} : (actionData?.values ?? {});
  const err = (k: string) => (errors[k] ? t(errors[k] as "provider.errors.street") : undefined);
  return (
    <>
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
          {hiddenIntent ? <input type="hidden" name="intent" value={hiddenIntent} /> : null}
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
