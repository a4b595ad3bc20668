import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Field, SelectField, TextArea } from "~/components/Field";
import { Notice } from "~/components/Notice";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { residentFormSchema } from "~/modules/plans/resident-form";
import { createResident } from "~/modules/plans/residents.server";
import { fieldErrors, formValues } from "~/utils/forms";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "residents.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, "plans.manage");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "plans.manage");
  const formData = await request.formData();
  const values = formValues(formData);
  const parsed = residentFormSchema.safeParse({ disabilityLevel: "", ...values });
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values, duplicates: [] as { id: string; name: string; birthDate: string | null }[], samePesel: false }, { status: 400 });
  const result = await createResident({ cusId: requireCentreId(access), resident: parsed.data, confirmDuplicate: values.confirmDuplicate === "on", actor: { userId: access.user.id, email: access.user.email, ip: context.ip } });
  if (!result.ok) {
    const errors: Record<string, string> = result.reason === "same_pesel" ? { pesel: "residents.errors.samePesel" } : { form: "residents.errors.possibleDuplicate" };
    return data({ errors, values, duplicates: result.duplicates, samePesel: result.reason === "same_pesel" }, { status: 409 });
  }
  throw redirect(`/coordinator/residents/${result.residentId}?created=1`);
}

export default function NewResident() {
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Record<string, string> = actionData?.values ?? {};
  const err = (k: string) => (errors[k] ? t(errors[k] as "residents.errors.firstName") : undefined);
  return (
    <>
      <p>
        <Link to="/coordinator">{t("nav.home")}</Link>
      </p>
      <h1>{t("residents.newTitle")}</h1>
      {Object.keys(errors).length ? <Notice kind="error">{t("errors.formErrors")} {Object.keys(errors).length}</Notice> : null}
      {actionData?.duplicates.length ? (
        <Notice kind="error">
          {t(actionData.samePesel ? "residents.errors.samePesel" : "residents.errors.possibleDuplicate")}{" "}
          {actionData.duplicates.map((d) => (
            <Link key={d.id} to={`/coordinator/residents/${d.id}`}>
              {d.name} ({d.birthDate ?? "—"})
            </Link>
          ))}
        </Notice>
      ) : null}
      <Form method="post" noValidate className="panel">
        <div className="grid-fields">
          <Field name="firstName" label={t("residents.firstName")} defaultValue={values.firstName ?? ""} error={err("firstName")} required autoComplete="off" />
          <Field name="lastName" label={t("residents.lastName")} defaultValue={values.lastName ?? ""} error={err("lastName")} required autoComplete="off" />
          <Field name="pesel" label={t("residents.pesel")} hint={t("residents.peselHint")} defaultValue={values.pesel ?? ""} error={err("pesel")} inputMode="numeric" autoComplete="off" />
          <Field name="documentNumber" label={t("residents.documentNumber")} defaultValue={values.documentNumber ?? ""} error={err("documentNumber")} autoComplete="off" />
          <Field name="birthDate" type="date" label={t("residents.birthDate")} hint={t("residents.birthDateHint")} defaultValue={values.birthDate ?? ""} error={err("birthDate")} />
        </div>
        <div className="grid-fields">
          <Field name="street" label={t("provider.street")} defaultValue={values.street ?? ""} error={err("street")} />
          <Field name="postalCode" label={t("provider.postalCode")} defaultValue={values.postalCode ?? ""} error={err("postalCode")} />
          <Field name="city" label={t("provider.city")} defaultValue={values.city ?? ""} error={err("city")} />
          <Field name="gminaName" label={t("provider.gmina")} defaultValue={values.gminaName ?? ""} error={err("gminaName")} />
          <Field name="phone" type="tel" label={t("provider.phone")} defaultValue={values.phone ?? ""} error={err("phone")} />
          <Field name="email" type="email" label={t("residents.email")} defaultValue={values.email ?? ""} error={err("email")} />
        </div>
        <div className="grid-fields">
          <SelectField name="preferredLanguage" label={t("residents.language")} defaultValue={values.preferredLanguage ?? "pl"} options={["pl", "en", "uk"].map((l) => ({ value: l, label: t(`languages.${l}` as "languages.pl") }))} />
          <SelectField name="contactPreference" label={t("residents.contactPreference")} defaultValue={values.contactPreference ?? "phone"} options={["phone", "email", "letter", "do_not_contact"].map((c) => ({ value: c, label: t(`residents.contact.${c}` as "residents.contact.phone") }))} />
          <SelectField name="disabilityLevel" label={t("residents.disabilityLevel")} defaultValue={values.disabilityLevel ?? ""} options={["", "light", "moderate", "severe"].map((c) => ({ value: c, label: t(`residents.disability.${c || "none"}` as "residents.disability.none") }))} />
          <Field name="disabilityValidUntil" type="date" label={t("residents.disabilityValidUntil")} defaultValue={values.disabilityValidUntil ?? ""} error={err("disabilityValidUntil")} />
        </div>
        <TextArea name="accessNeeds" label={t("residents.accessNeeds")} value={values.accessNeeds ?? ""} error={err("accessNeeds")} />
        {actionData?.duplicates.length && !actionData.samePesel ? (
          <label className="checkbox-line">
            <input type="checkbox" name="confirmDuplicate" /> {t("residents.confirmDuplicate")}
          </label>
        ) : null}
        <button type="submit" className="button button--primary">
          {t("residents.save")}
        </button>
      </Form>
    </>
  );
}
