import { Form } from "@remix-run/react";
import { CheckboxGroup, Field, SelectField, TextArea } from "~/components/Field";
import { deliveryModes, groupModes, offerLanguages, statutoryAreas, targetGroups } from "~/modules/directory/areas";
import { errorText } from "~/components/refusal";
import { useT } from "~/utils/i18n-react";

export type OfferFormValues = Record<string, string | string[] | null | undefined>;
export type PlaceOption = { id: string; name: string; city: string };
const units = ["hour", "session", "visit", "day", "ride", "month", "one_off"] as const;
const fees = ["free", "partly_paid", "paid"] as const;

/** The provider's offer form: every field of the service base, grouped as a person reads it. */
export function OfferForm({ values, errors, places, disabled, children }: { values: OfferFormValues; errors: Record<string, string>; places: PlaceOption[]; disabled?: boolean; children: React.ReactNode }) {
  const t = useT();
  const err = (k: string) => errorText(t, errors[k]);
  const s = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  // A checkbox group sent back with one box ticked comes as one value, not a list.
  const list = (k: string) => (values[k] === null || values[k] === undefined ? [] : [values[k]].flat());
  return (
    <Form method="post" noValidate className="panel offer-form">
      <fieldset className="form-section" disabled={disabled}>
        <legend>{t("offer.basics")}</legend>
        <Field name="name" label={t("offer.name")} defaultValue={s("name")} error={err("name")} required />
        <TextArea name="description" label={t("offer.description")} value={s("description")} error={err("description")} />
        <SelectField
          name="area"
          label={t("offer.area")}
          defaultValue={s("area")}
          error={err("area")}
          options={[{ value: "", label: "—" }, ...statutoryAreas.map((a) => ({ value: String(a), label: `${a}. ${t(`areas.${a}`)}` }))]}
        />
        <Field name="category" label={t("offer.category")} defaultValue={s("category")} error={err("category")} />
      </fieldset>
      <fieldset className="form-section" disabled={disabled}>
        <legend>{t("offer.audience")}</legend>
        <CheckboxGroup name="targetGroups" legend={t("offer.targetGroups")} checked={list("targetGroups")} error={err("targetGroups")} options={targetGroups.map((g) => ({ value: g, label: t(`targetGroups.${g}`) }))} />
        <TextArea name="eligibility" label={t("offer.eligibility")} value={s("eligibility")} />
        <TextArea name="requiredDocuments" label={t("offer.requiredDocuments")} value={s("requiredDocuments")} />
        <TextArea name="howToApply" label={t("offer.howToApply")} value={s("howToApply")} />
      </fieldset>
      <fieldset className="form-section" disabled={disabled}>
        <legend>{t("offer.delivery")}</legend>
        <CheckboxGroup name="deliveryModes" legend={t("offer.deliveryModes")} checked={list("deliveryModes")} error={err("deliveryModes")} options={deliveryModes.map((m) => ({ value: m, label: t(`deliveryModes.${m}`) }))} />
        <SelectField name="groupMode" label={t("offer.groupMode")} defaultValue={s("groupMode") || "individual"} options={groupModes.map((g) => ({ value: g, label: t(`groupModes.${g}`) }))} />
        <CheckboxGroup name="languages" legend={t("offer.languages")} checked={list("languages").length ? list("languages") : ["pl"]} error={err("languages")} options={offerLanguages.map((l) => ({ value: l, label: t(`languages.${l}`) }))} />
        <CheckboxGroup name="locationIds" legend={t("offer.places")} checked={list("locationIds")} error={err("locationIds")} options={places.map((p) => ({ value: p.id, label: `${p.name} (${p.city})` }))} />
      </fieldset>
      <fieldset className="form-section" disabled={disabled}>
        <legend>{t("offer.terms")}</legend>
        <div className="grid-fields">
          <SelectField name="unit" label={t("offer.unit")} defaultValue={s("unit")} error={err("unit")} options={[{ value: "", label: "—" }, ...units.map((u) => ({ value: u, label: t(`units.${u}`) }))]} />
          <Field name="typicalDurationMinutes" label={t("offer.typicalDuration")} defaultValue={s("typicalDurationMinutes")} error={err("typicalDurationMinutes")} inputMode="numeric" />
          <Field name="limitUnits" label={t("offer.limitUnits")} defaultValue={s("limitUnits")} error={err("limitUnits")} inputMode="numeric" />
          <Field name="limitPeriodMonths" label={t("offer.limitPeriodMonths")} defaultValue={s("limitPeriodMonths")} error={err("limitPeriodMonths")} inputMode="numeric" />
          <Field name="price" label={t("offer.price")} hint={t("offer.priceHint")} defaultValue={s("price")} error={err("price")} inputMode="decimal" />
          <SelectField name="feeLabel" label={t("offer.feeLabel")} defaultValue={s("feeLabel") || "free"} options={fees.map((f) => ({ value: f, label: t(`feeLabels.${f}`) }))} />
        </div>
      </fieldset>
      {children}
    </Form>
  );
}
