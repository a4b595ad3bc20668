import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Field, SelectField, TextArea } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { Notice } from "~/components/Notice";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { residentFormSchema } from "~/modules/plans/resident-form";
import { createResident } from "~/modules/plans/residents.server";
import { useRefusal } from "~/components/refusal";
import { readForm, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { actorFrom } from "~/modules/kernel/actor";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "residents.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, "plans.manage");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "plans.manage");
  const form = await readForm(request, residentFormSchema);
  if (!form.ok) return refuseInput(form, "resident");
  const { confirmDuplicate, ...resident } = form.data;
  const result = await createResident({ cusId: requireCentreId(access), resident, confirmDuplicate, actor: actorFrom(access, context) });
  if (!result.ok) {
    const errors: Record<string, string> = result.reason === "same_pesel" ? { pesel: "residents.errors.samePesel" } : { form: "residents.errors.possibleDuplicate" };
    return refuse("resident", errors, form.values, 409, { duplicates: result.duplicates, samePesel: result.reason === "same_pesel" });
  }
  return done(request, { kind: "success", message: "residents.created" }, `/coordinator/residents/${result.residentId}`);
}

export default function NewResident() {
  const actionData = useActionData<typeof action>() as { duplicates?: { id: string; name: string; birthDate: string | null }[]; samePesel?: boolean } | undefined;
  const refusal = useRefusal();
  const t = useT();
  const errors = refusal.of("resident")?.errors ?? {};
  const err = (k: string) => refusal.error("resident", k);
  const v = (k: string, fallback = "") => refusal.value("resident", k, fallback);
  return (
    <>
      <p>
        <Link to="/coordinator">{t("nav.home")}</Link>
      </p>
      <h1>{t("residents.newTitle")}</h1>
      {Object.keys(errors).length ? <Feedback kind="error">{t("errors.formErrors")} {Object.keys(errors).length}</Feedback> : null}
      {actionData?.duplicates?.length ? (
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
          <Field name="firstName" label={t("residents.firstName")} defaultValue={v("firstName")} error={err("firstName")} required autoComplete="off" />
          <Field name="lastName" label={t("residents.lastName")} defaultValue={v("lastName")} error={err("lastName")} required autoComplete="off" />
          <Field name="pesel" label={t("residents.pesel")} hint={t("residents.peselHint")} defaultValue={v("pesel")} error={err("pesel")} inputMode="numeric" autoComplete="off" />
          <Field name="documentNumber" label={t("residents.documentNumber")} defaultValue={v("documentNumber")} error={err("documentNumber")} autoComplete="off" />
          <Field name="birthDate" type="date" label={t("residents.birthDate")} hint={t("residents.birthDateHint")} defaultValue={v("birthDate")} error={err("birthDate")} />
        </div>
        <div className="grid-fields">
          <Field name="street" label={t("provider.street")} defaultValue={v("street")} error={err("street")} />
          <Field name="postalCode" label={t("provider.postalCode")} defaultValue={v("postalCode")} error={err("postalCode")} />
          <Field name="city" label={t("provider.city")} defaultValue={v("city")} error={err("city")} />
          <Field name="gminaName" label={t("provider.gmina")} defaultValue={v("gminaName")} error={err("gminaName")} />
          <Field name="phone" type="tel" label={t("provider.phone")} defaultValue={v("phone")} error={err("phone")} />
          <Field name="email" type="email" label={t("residents.email")} defaultValue={v("email")} error={err("email")} />
        </div>
        <div className="grid-fields">
          <SelectField name="preferredLanguage" label={t("residents.language")} defaultValue={v("preferredLanguage", "pl")} options={["pl", "en", "uk"].map((l) => ({ value: l, label: t(`languages.${l}` as "languages.pl") }))} />
          <SelectField name="contactPreference" label={t("residents.contactPreference")} defaultValue={v("contactPreference", "phone")} options={["phone", "email", "letter", "do_not_contact"].map((c) => ({ value: c, label: t(`residents.contact.${c}` as "residents.contact.phone") }))} />
          <SelectField name="disabilityLevel" label={t("residents.disabilityLevel")} defaultValue={v("disabilityLevel")} options={["", "light", "moderate", "severe"].map((c) => ({ value: c, label: t(`residents.disability.${c || "none"}` as "residents.disability.none") }))} />
          <Field name="disabilityValidUntil" type="date" label={t("residents.disabilityValidUntil")} defaultValue={v("disabilityValidUntil")} error={err("disabilityValidUntil")} />
        </div>
        <TextArea name="accessNeeds" label={t("residents.accessNeeds")} value={v("accessNeeds")} error={err("accessNeeds")} />
        {actionData?.duplicates?.length && !actionData.samePesel ? (
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
