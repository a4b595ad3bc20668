import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { demoAccounts, DEMO_PASSWORD } from "@db/demo-accounts";
import { Field } from "~/components/Field";
import { Notice } from "~/components/Notice";
import { roleHome } from "~/modules/identity/permissions";
import { commitSessionCookie, getSessionContext, listActiveMemberships } from "~/modules/identity/session.server";
import { signIn } from "~/modules/identity/sign-in.server";
import { isProduction } from "~/utils/env.server";
import { fieldErrors, safeRedirectPath } from "~/utils/forms";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { translatedForResidents } from "~/utils/i18n";

/** Residents read this page in Ukrainian too. */
export const handle = translatedForResidents;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "signIn.title");

const SignInForm = z.object({
  email: z.string().trim().min(1, "signIn.emailRequired").pipe(z.email("signIn.emailInvalid")),
  password: z.string().min(1, "signIn.passwordRequired"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const session = await getSessionContext(request);
  if (session?.membership) throw redirect(roleHome[session.membership.role]);
  return {
    next: safeRedirectPath(url.searchParams.get("next"), ""),
    notice: url.searchParams.get("notice"),
    demo: isProduction() ? null : { password: DEMO_PASSWORD, accounts: demoAccounts.map(({ email, role, organisation }) => ({ email, role, organisation })) },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = SignInForm.safeParse({ email: formData.get("email") ?? "", password: formData.get("password") ?? "" });
  const email = String(formData.get("email") ?? "");
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), email, retryAfterMinutes: 0 }, { status: 400 });

  const result = await signIn({ ...parsed.data, ip: context.ip, userAgent: request.headers.get("user-agent") });
  if (!result.ok) {
    const error = result.reason === "rate_limited" ? "signIn.rateLimited" : "signIn.invalid";
    const status = result.reason === "rate_limited" ? 429 : 400;
    const retryAfterMinutes = result.reason === "rate_limited" ? result.retryAfterMinutes : 0;
    return data({ errors: { form: error } as Record<string, string>, email, retryAfterMinutes }, { status });
  }
  const memberships = await listActiveMemberships(result.userId);
  const membership = memberships.find((m) => m.id === result.membershipId);
  const fallback = membership ? roleHome[membership.role] : "/account";
  const next = safeRedirectPath(formData.get("next"), fallback);
  return redirect(next, { headers: { "Set-Cookie": await commitSessionCookie(result.token) } });
}

export default function SignIn() {
  const { next, notice, demo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const errors = actionData?.errors ?? {};
  const formError = errors.form;
  return (
    <div className="auth-layout">
      <section className="panel auth-panel" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t("signIn.title")}</h1>
        <p>{t("signIn.intro")}</p>
        {notice === "signed-out" ? <Notice kind="success">{t("signIn.signedOut")}</Notice> : null}
        {notice === "password-changed" ? <Notice kind="success">{t("signIn.passwordChanged")}</Notice> : null}
        {formError ? (
          <Notice kind="error">
            {formError === "signIn.rateLimited"
              ? t("signIn.rateLimited", { minutes: actionData?.retryAfterMinutes ?? 15 })
              : t("signIn.invalid")}
          </Notice>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="next" value={next} />
          <Field
            name="email"
            type="email"
            label={t("signIn.email")}
            autoComplete="username"
            required
            defaultValue={actionData?.email ?? ""}
            error={errors.email ? t(errors.email as "signIn.emailInvalid") : undefined}
          />
          <Field
            name="password"
            type="password"
            label={t("signIn.password")}
            autoComplete="current-password"
            required
            error={errors.password ? t(errors.password as "signIn.passwordRequired") : undefined}
          />
          <button type="submit" className="button button--primary" disabled={navigation.state === "submitting"}>
            {t("signIn.submit")}
          </button>
        </Form>
        <p>
          <Link to="/forgot-password">{t("signIn.forgot")}</Link>
        </p>
        <p>
          <Link to="/register-provider">{t("provider.registerLink")}</Link>
        </p>
      </section>
      {demo ? (
        <section className="panel demo-panel" aria-labelledby="demo-title">
          <h2 id="demo-title">{t("signIn.demoTitle")}</h2>
          <p>
            {t("signIn.password")}: <code>{demo.password}</code>
          </p>
          <ul className="demo-accounts">
            {demo.accounts.map((a) => (
              <li key={`${a.email}-${a.role}`}>
                <code>{a.email}</code> – {t(`roles.${a.role}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
