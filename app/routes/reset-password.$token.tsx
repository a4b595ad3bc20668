import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/Field";
import { Notice } from "~/components/Notice";
import { MIN_PASSWORD_LENGTH } from "~/modules/identity/password.server";
import { isResetTokenUsable, resetPassword } from "~/modules/identity/password-reset.server";
import { clearSessionCookie } from "~/modules/identity/session.server";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { translatedForResidents } from "~/utils/i18n";

/** Residents read this page in Ukrainian too. */
export const handle = translatedForResidents;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reset.title");

export async function loader({ params }: LoaderFunctionArgs) {
  return { usable: await isResetTokenUsable(params.token ?? ""), minLength: MIN_PASSWORD_LENGTH };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const password = String(formData.get("password") ?? "");
  const confirm = String(formData.get("confirm") ?? "");
  if (password.length < MIN_PASSWORD_LENGTH) return data({ errors: { password: "reset.tooShort" } as Record<string, string> }, { status: 400 });
  if (password !== confirm) return data({ errors: { confirm: "reset.mismatch" } as Record<string, string> }, { status: 400 });
  const result = await resetPassword({ token: params.token ?? "", password, ip: context.ip });
  if (!result.ok) return data({ errors: { form: "reset.invalidLink" } as Record<string, string> }, { status: 400 });
  return redirect("/sign-in?notice=password-changed", { headers: { "Set-Cookie": await clearSessionCookie() } });
}

export default function ResetPassword() {
  const { usable, minLength } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errors = actionData?.errors ?? {};
  const invalid = !usable || errors.form;
  return (
    <div className="auth-layout">
      <section className="panel auth-panel" aria-labelledby="reset-title">
        <h1 id="reset-title">{t("reset.title")}</h1>
        {invalid ? (
          <>
            <Notice kind="error">{t("reset.invalidLink")}</Notice>
            <p>
              <Link to="/forgot-password">{t("reset.requestNew")}</Link>
            </p>
          </>
        ) : (
          <Form method="post" noValidate>
            <Field
              name="password"
              type="password"
              label={t("reset.password")}
              hint={t("reset.passwordHint", { min: minLength })}
              autoComplete="new-password"
              required
              minLength={minLength}
              error={errors.password ? t("reset.tooShort", { min: minLength }) : undefined}
            />
            <Field
              name="confirm"
              type="password"
              label={t("reset.confirm")}
              autoComplete="new-password"
              required
              error={errors.confirm ? t("reset.mismatch") : undefined}
            />
            <button type="submit" className="button button--primary">
              {t("reset.submit")}
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}
