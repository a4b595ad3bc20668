import { data, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, SelectField } from "~/components/Field";
import { Notice } from "~/components/Notice";
import { ProviderProfileFields } from "~/components/ProviderProfileForm";
import { providerProfileFields, providerProfileSchema } from "~/modules/directory/provider-form";
import { listCentresForRegistration, registerProvider } from "~/modules/directory/providers.server";
import { commitSessionCookie } from "~/modules/identity/session.server";
import { signIn } from "~/modules/identity/sign-in.server";
import { fieldErrors, formValues } from "~/utils/forms";
import { useT } from "~/utils/i18n-react";
import { localeFromRequest } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "provider.registerTitle");

export async function loader() {
  return { centres: await listCentresForRegistration() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const values = formValues(formData);
  delete values.password;
  const profileInput = Object.fromEntries(providerProfileFields.map((k) => [k, String(formData.get(k) ?? "")]));
  const parsed = providerProfileSchema.safeParse(profileInput);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  const account = { name: String(formData.get("accountName") ?? "").trim(), email: String(formData.get("accountEmail") ?? "").trim(), password: String(formData.get("password") ?? "") };
  if (account.name.length < 3) errors.accountName = "invitation.nameRequired";
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(account.email)) errors.accountEmail = "signIn.emailInvalid";
  if (account.password.length < 10) errors.password = "reset.tooShort";
  if (!parsed.success || Object.keys(errors).length > 0) return data({ errors, values }, { status: 400 });

  const result = await registerProvider({ profile: parsed.data, account, centreId: String(formData.get("centreId") ?? ""), ip: context.ip, locale: await localeFromRequest(request) });
  if (!result.ok) return data({ errors: { [result.field]: result.reason }, values }, { status: 400 });
  const signedIn = await signIn({ email: account.email, password: account.password, ip: context.ip, userAgent: request.headers.get("user-agent") });
  if (!signedIn.ok) throw redirect("/sign-in");
  throw redirect("/provider", { headers: { "Set-Cookie": await commitSessionCookie(signedIn.token) } });
}

export default function RegisterProvider() {
  const { centres } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  const err = (k: string) => (errors[k] ? t(errors[k] as "provider.errors.nip", { min: 10 }) : undefined);
  return (
    <>
      <h1>{t("provider.registerTitle")}</h1>
      <p>{t("provider.registerIntro")}</p>
      {Object.keys(errors).length > 0 ? <Notice kind="error">{t("errors.formErrors")} {Object.keys(errors).length}</Notice> : null}
      <Form method="post" noValidate className="panel">
        <fieldset className="form-section">
          <legend>{t("provider.organisation")}</legend>
          <ProviderProfileFields values={values} errors={errors} />
        </fieldset>
        <fieldset className="form-section">
          <legend>{t("provider.account")}</legend>
          <Field name="accountName" label={t("provider.accountName")} defaultValue={values.accountName ?? ""} error={err("accountName")} autoComplete="name" required />
          <Field name="accountEmail" type="email" label={t("provider.accountEmail")} defaultValue={values.accountEmail ?? ""} error={err("accountEmail")} autoComplete="username" required />
          <Field name="password" type="password" label={t("provider.password")} hint={t("reset.passwordHint", { min: 10 })} error={err("password")} autoComplete="new-password" required />
          <SelectField name="centreId" label={t("provider.centre")} defaultValue={values.centreId} error={err("centreId")} options={centres.map((c) => ({ value: c.id, label: `${c.name} (${c.city})` }))} />
        </fieldset>
        <button type="submit" className="button button--primary">
          {t("provider.submit")}
        </button>
      </Form>
    </>
  );
}
