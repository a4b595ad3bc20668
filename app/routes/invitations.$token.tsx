import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useRefusal } from "~/components/refusal";
import { readForm, refuse } from "~/modules/kernel/boundary.server";
import { token } from "~/modules/kernel/input";
import { Field } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { Notice } from "~/components/Notice";
import { acceptInvitation, findInvitation, switchMembership } from "~/modules/identity/memberships.server";
import { MIN_PASSWORD_LENGTH } from "~/modules/identity/password.server";
import { roleHome } from "~/modules/identity/permissions";
import { commitSessionCookie, getSessionContext } from "~/modules/identity/session.server";
import { signIn } from "~/modules/identity/sign-in.server";
import { useT } from "~/utils/i18n-react";
import { localeFromRequest } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "invitation.title");

/** A link that is not a token at all is as invalid as an expired one: the page says so either way. */
const TokenParam = z.object({ token: token().catch("") });

const AcceptForm = z.object({
  name: z.string().trim().max(200, "input.tooLong:200").default(""),
  password: z.string().max(1000, "input.tooLong:1000").default(""),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { token } = TokenParam.parse(params);
  const invitation = token ? await findInvitation(token) : null;
  const session = await getSessionContext(request);
  return {
    invitation,
    signedInEmail: session?.user.email ?? null,
    minLength: MIN_PASSWORD_LENGTH,
    path: new URL(request.url).pathname,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { token } = TokenParam.parse(params);
  const form = await readForm(request, AcceptForm);
  if (!form.ok) return refuse("invitation", form.errors, form.values);
  const { name, password } = form.data;
  const session = await getSessionContext(request);
  const locale = await localeFromRequest(request, session?.user.locale);
  if (!token) return refuse("invitation", { form: "invitation.invalid" }, form.values);
  const result = await acceptInvitation({
    token,
    ip: context.ip,
    locale,
    signedInUserId: session?.user.id,
    newAccount: session ? undefined : { name, password },
  });
  if (!result.ok) {
    const errors: Record<string, string> = result.reason === "name_required" ? { name: "invitation.nameRequired" } : result.reason === "too_short" ? { password: `reset.tooShort:${MIN_PASSWORD_LENGTH}` } : { form: result.reason === "wrong_account" ? "invitation.wrongAccountShort" : "invitation.invalid" };
    return refuse("invitation", errors, form.values);
  }

  if (session) {
    await switchMembership({ sessionId: session.sessionId, userId: session.user.id, email: session.user.email, membershipId: result.membershipId, ip: context.ip });
    const switched = await getSessionContext(request);
    throw redirect(switched?.membership ? roleHome[switched.membership.role] : "/account");
  }
  // A new account signs in straight away with the password it has just chosen.
  const signedIn = await signIn({ email: result.email, password, ip: context.ip, userAgent: request.headers.get("user-agent") });
  if (!signedIn.ok) throw redirect("/sign-in");
  throw redirect("/", { headers: { "Set-Cookie": await commitSessionCookie(signedIn.token) } });
}

export default function Invitation() {
  const { invitation, signedInEmail, minLength, path } = useLoaderData<typeof loader>();
  const refused = useRefusal();
  const t = useT();
  if (!invitation) {
    return (
      <div className="auth-layout">
        <section className="panel auth-panel" aria-labelledby="inv-title">
          <h1 id="inv-title">{t("invitation.title")}</h1>
          <Notice kind="error">{t("invitation.invalid")}</Notice>
        </section>
      </div>
    );
  }
  const formError = refused.error("invitation", "form");
  return (
    <div className="auth-layout">
      <section className="panel auth-panel" aria-labelledby="inv-title">
        <h1 id="inv-title">{t("invitation.title")}</h1>
        <p>{t("invitation.intro", { organisation: invitation.organisationName, role: t(`roles.${invitation.role}`) })}</p>
        {formError ? <Feedback kind="error">{formError}</Feedback> : null}
        {signedInEmail && signedInEmail !== invitation.email ? (
          <Notice kind="error">{t("invitation.wrongAccount", { email: invitation.email, current: signedInEmail })}</Notice>
        ) : signedInEmail ? (
          <Form method="post">
            <button type="submit" className="button button--primary">
              {t("invitation.acceptExisting")}
            </button>
          </Form>
        ) : invitation.hasAccount ? (
          <>
            <p>{t("invitation.existing", { email: invitation.email })}</p>
            <Link className="button button--primary" to={`/sign-in?next=${encodeURIComponent(path)}`}>
              {t("invitation.signInFirst")}
            </Link>
          </>
        ) : (
          <Form method="post" noValidate>
            <Field name="email-shown" label={t("signIn.email")} value={invitation.email} readOnly autoComplete="username" />
            <Field
              name="name"
              label={t("invitation.name")}
              autoComplete="name"
              required
              defaultValue={refused.value("invitation", "name", invitation.name ?? "")}
              error={refused.error("invitation", "name")}
            />
            <Field
              name="password"
              type="password"
              label={t("invitation.password")}
              hint={t("reset.passwordHint", { min: minLength })}
              autoComplete="new-password"
              required
              error={refused.error("invitation", "password")}
            />
            <button type="submit" className="button button--primary">
              {t("invitation.submitNew")}
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}
