import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { demoAccounts, DEMO_PASSWORD } from "@db/demo-accounts";
import { Field } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { roleHome } from "~/modules/identity/permissions";
import { commitSessionCookie, getSessionContext, listActiveMemberships } from "~/modules/identity/session.server";
import { signIn } from "~/modules/identity/sign-in.server";
import { isProduction } from "~/utils/env.server";
import { useRefusal } from "~/components/refusal";
import { readForm, readQuery, refuse, refuseInput, sameOriginPath } from "~/modules/kernel/boundary.server";
import { email } from "~/modules/kernel/input";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { translatedForResidents } from "~/utils/i18n";

/** Residents read this page in Ukrainian too. */
export const handle = translatedForResidents;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "signIn.title");

const SignInQuery = z.object({
  next: z.string().max(2000).catch(""),
});

const SignInForm = z.object({
  email: email(),
  password: z.string({ error: "signIn.passwordRequired" }).min(1, "signIn.passwordRequired").max(1000, "input.tooLong:1000"),
  next: z.string().max(2000).default(""),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { data: query } = readQuery(request, SignInQuery);
  const session = await getSessionContext(request);
  if (session?.membership) throw redirect(roleHome[session.membership.role]);
  return {
    next: sameOriginPath(query.next, request.url, ""),
    demo: isProduction() ? null : { password: DEMO_PASSWORD, accounts: demoAccounts.map(({ email, role, organisation }) => ({ email, role, organisation })) },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, SignInForm);
  if (!form.ok) return refuseInput(form, "sign-in");
  const result = await signIn({ email: form.data.email, password: form.data.password, ip: context.ip, userAgent: request.headers.get("user-agent") });
  if (!result.ok) {
    if (result.reason === "rate_limited") return refuse("sign-in", { form: `signIn.rateLimited:${result.retryAfterMinutes}` }, form.values, 429);
    return refuse("sign-in", { form: "signIn.invalid" }, form.values);
  }
  const memberships = await listActiveMemberships(result.userId);
  const membership = memberships.find((m) => m.id === result.membershipId);
  const fallback = membership ? roleHome[membership.role] : "/account";
  return redirect(sameOriginPath(form.data.next, request.url, fallback), { headers: { "Set-Cookie": await commitSessionCookie(result.token) } });
}

export default function SignIn() {
  const { next, demo } = useLoaderData<typeof loader>();
  const refused = useRefusal();
  const navigation = useNavigation();
  const t = useT();
  const formError = refused.error("sign-in", "form");
  return (
    <div className="auth-layout">
      <section className="panel auth-panel" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t("signIn.title")}</h1>
        <p>{t("signIn.intro")}</p>
        {formError ? <Feedback kind="error">{formError}</Feedback> : null}
        <Form method="post" noValidate>
          <input type="hidden" name="next" value={next} />
          <Field
            name="email"
            type="email"
            label={t("signIn.email")}
            autoComplete="username"
            required
            defaultValue={refused.value("sign-in", "email")}
            error={refused.error("sign-in", "email")}
          />
          <Field
            name="password"
            type="password"
            label={t("signIn.password")}
            autoComplete="current-password"
            required
            error={refused.error("sign-in", "password")}
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
