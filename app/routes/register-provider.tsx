import { redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useRefusal } from "~/components/refusal";
import { readForm, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { Field, SelectField } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { ProviderProfileFields } from "~/components/ProviderProfileForm";
import { registrationSchema } from "~/modules/directory/provider-form";
import { listCentresForRegistration, registerProvider } from "~/modules/directory/providers.server";
import { commitSessionCookie } from "~/modules/identity/session.server";
import { signIn } from "~/modules/identity/sign-in.server";
import { useT } from "~/utils/i18n-react";
import { localeFromRequest } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "provider.registerTitle");

export async function loader() {
  return { centres: await listCentresForRegistration() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, registrationSchema);
  if (!form.ok) return refuseInput(form, "register");
  const { accountName, accountEmail, password, centreId, ...profile } = form.data;
  const account = { name: accountName, email: accountEmail, password };
  const result = await registerProvider({ profile, account, centreId, ip: context.ip, locale: await localeFromRequest(request) });
  if (!result.ok) return refuse("register", { [result.field]: result.reason }, form.values);
  const signedIn = await signIn({ email: account.email, password: account.password, ip: context.ip, userAgent: request.headers.get("user-agent") });
  if (!signedIn.ok) throw redirect("/sign-in");
  throw redirect("/provider", { headers: { "Set-Cookie": await commitSessionCookie(signedIn.token) } });
}

export default function RegisterProvider() {
  const { centres } = useLoaderData<typeof loader>();
  const refused = useRefusal();
  const t = useT();
  const errors = refused.of("register")?.errors ?? {};
  const values = refused.of("register")?.values ?? {};
  const err = (k: string) => refused.error("register", k);
  const value = (k: string) => refused.value("register", k);
  return (
    <>
      <h1>{t("provider.registerTitle")}</h1>
      <p>{t("provider.registerIntro")}</p>
      {Object.keys(errors).length > 0 ? <Feedback kind="error">{t("errors.formErrors")} {Object.keys(errors).length}</Feedback> : null}
      <Form method="post" noValidate className="panel">
        <fieldset className="form-section">
          <legend>{t("provider.organisation")}</legend>
          <ProviderProfileFields values={values} errors={errors} />
        </fieldset>
        <fieldset className="form-section">
          <legend>{t("provider.account")}</legend>
          <Field name="accountName" label={t("provider.accountName")} defaultValue={value("accountName")} error={err("accountName")} autoComplete="name" required />
          <Field name="accountEmail" type="email" label={t("provider.accountEmail")} defaultValue={value("accountEmail")} error={err("accountEmail")} autoComplete="username" required />
          <Field name="password" type="password" label={t("provider.password")} hint={t("reset.passwordHint", { min: 10 })} error={err("password")} autoComplete="new-password" required />
          <SelectField name="centreId" label={t("provider.centre")} defaultValue={value("centreId") || undefined} error={err("centreId")} options={centres.map((c) => ({ value: c.id, label: `${c.name} (${c.city})` }))} />
        </fieldset>
        <button type="submit" className="button button--primary">
          {t("provider.submit")}
        </button>
      </Form>
    </>
  );
}
