import { Form } from "@remix-run/react";
import { Field } from "~/components/Field";
import { accessibilityFeatures } from "~/modules/directory/areas";
import { useRefusal } from "~/components/refusal";
import { useT } from "~/utils/i18n-react";

export type PlaceRow = { id: string; name: string; address: string; gmina: string; accessibility: string[] };
/** The list of places and the form that adds one; nothing typed is lost on an error. */
export function PlaceManager({ places, hiddenIntent }: { places: PlaceRow[]; hiddenIntent?: string }) {
  const t = useT();
  const refusal = useRefusal();
  const err = (k: string) => refusal.error("place", k);
  const value = (k: string) => refusal.value("place", k);
  const ticked = refusal.list("place", "accessibility");
  return (
    <>
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
          <Field name="name" label={t("provider.placeName")} defaultValue={value("name")} error={err("name")} required />
          <div className="grid-fields">
            <Field name="street" label={t("provider.street")} defaultValue={value("street")} error={err("street")} required />
            <Field name="postalCode" label={t("provider.postalCode")} defaultValue={value("postalCode")} error={err("postalCode")} required />
            <Field name="city" label={t("provider.city")} defaultValue={value("city")} error={err("city")} required />
            <Field name="gminaName" label={t("provider.gmina")} defaultValue={value("gminaName")} error={err("gminaName")} required />
          </div>
          <fieldset className="checkbox-group">
            <legend>{t("catalogue.accessibility")}</legend>
            {accessibilityFeatures.map((a) => (
              <label key={a}>
                <input type="checkbox" name="accessibility" value={a} defaultChecked={ticked.includes(a)} />
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
