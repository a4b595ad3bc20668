import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/Field";
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

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await findInvitation(params.token ?? "");
  const session = await getSessionContext(request);
  return {
    invitation,
    signedInEmail: session?.user.email ?? null,
    minLength: MIN_PASSWORD_LENGTH,
    path: new URL(request.url).pathname,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const token = params.token ?? "";
  const session = await getSessionContext(request);
  const locale = await localeFromRequest(request, session?.user.locale);
  const name = String(formData.get("name") ?? "");
  const password = String(formData.get("password") ?? "");
  const result = await acceptInvitation({
    token,
    ip: context.ip,
    locale,
    signedInUserId: session?.user.id,
    newAccount: session ? undefined : { name, password },
  });
  if (!result.ok) return data({ error: result.reason, name }, { status: 400 });

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
  const actionData = useActionData<typeof action>();
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
  const error = actionData?.error;
  return (
    <div className="auth-layout">
      <section className="panel auth-panel" aria-labelledby="inv-title">
        <h1 id="inv-title">{t("invitation.title")}</h1>
        <p>{t("invitation.intro", { organisation: invitation.organisationName, role: t(`roles.${invitation.role}`) })}</p>
        {error === "invalid" ? <Notice kind="error">{t("invitation.invalid")}</Notice> : null}
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
              defaultValue={actionData?.name ?? invitation.name ?? ""}
              error={error === "name_required" ? t("invitation.nameRequired") : undefined}
            />
            <Field
              name="password"
              type="password"
              label={t("invitation.password")}
              hint={t("reset.passwordHint", { min: minLength })}
              autoComplete="new-password"
              required
              error={error === "too_short" ? t("reset.tooShort", { min: minLength }) : undefined}
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
