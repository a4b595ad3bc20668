import { Field, SelectField } from "~/components/Field";
import { providerLegalForms } from "~/modules/directory/areas";
import { errorText } from "~/components/refusal";
import { useT } from "~/utils/i18n-react";

export type ProfileValues = Partial<Record<string, string | string[] | null>>;

/** The organisation fields; errors are i18n keys, values are what was typed (nothing is lost). */
export function ProviderProfileFields({ values, errors }: { values: ProfileValues; errors: Record<string, string> }) {
  const t = useT();
  const err = (k: string) => errorText(t, errors[k]);
  const v = (k: string) => [values[k] ?? ""].flat()[0] ?? "";
  return (
    <>
      <Field name="name" label={t("provider.name")} defaultValue={v("name")} error={err("name")} required autoComplete="organization" />
      <SelectField
        name="legalForm"
        label={t("provider.legalForm")}
        defaultValue={v("legalForm")}
        error={err("legalForm")}
        options={[{ value: "", label: "—" }, ...providerLegalForms.map((f) => ({ value: f, label: t(`legalForms.${f}`) }))]}
      />
      <Field name="subtype" label={t("provider.subtype")} defaultValue={v("subtype")} error={err("subtype")} />
      <div className="grid-fields">
        <Field name="nip" label={t("provider.nip")} defaultValue={v("nip")} error={err("nip")} required inputMode="numeric" />
        <Field name="regon" label={t("provider.regon")} defaultValue={v("regon")} error={err("regon")} required inputMode="numeric" />
        <Field name="krs" label={t("provider.krs")} hint={t("provider.krsHint")} defaultValue={v("krs")} error={err("krs")} inputMode="numeric" />
      </div>
      <div className="grid-fields">
        <Field name="street" label={t("provider.street")} defaultValue={v("street")} error={err("street")} required autoComplete="address-line1" />
        <Field name="postalCode" label={t("provider.postalCode")} defaultValue={v("postalCode")} error={err("postalCode")} required autoComplete="postal-code" />
        <Field name="city" label={t("provider.city")} defaultValue={v("city")} error={err("city")} required autoComplete="address-level2" />
        <Field name="gminaName" label={t("provider.gmina")} defaultValue={v("gminaName")} error={err("gminaName")} required />
      </div>
      <div className="grid-fields">
        <Field name="contactPerson" label={t("provider.contactPerson")} defaultValue={v("contactPerson")} error={err("contactPerson")} required />
        <Field name="phone" type="tel" label={t("provider.phone")} defaultValue={v("phone")} error={err("phone")} required autoComplete="tel" />
        <Field name="email" type="email" label={t("provider.email")} defaultValue={v("email")} error={err("email")} required />
        <Field name="website" label={t("provider.website")} defaultValue={v("website")} error={err("website")} autoComplete="url" />
      </div>
      <div className="field">
        <label htmlFor="field-description">{t("provider.description")}</label>
        <textarea id="field-description" name="description" defaultValue={v("description")} />
      </div>
      <Field name="logoUrl" label={t("provider.logoUrl")} defaultValue={v("logoUrl")} error={err("logoUrl")} />
    </>
  );
}
