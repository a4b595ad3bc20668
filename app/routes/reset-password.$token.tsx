import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useRefusal } from "~/components/refusal";
import { readForm, refuse } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { token } from "~/modules/kernel/input";
import { Field } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { MIN_PASSWORD_LENGTH } from "~/modules/identity/password.server";
import { isResetTokenUsable, resetPassword } from "~/modules/identity/password-reset.server";
import { clearSessionCookie } from "~/modules/identity/session.server";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { translatedForResidents } from "~/utils/i18n";

/** Residents read this page in Ukrainian too. */
export const handle = translatedForResidents;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reset.title");

/** A link that is not a token at all is as unusable as an expired one: the page says so either way. */
const TokenParam = z.object({ token: token().catch("") });

const NewPassword = z
  .object({
    password: z.string({ error: `reset.tooShort:${MIN_PASSWORD_LENGTH}` }).min(MIN_PASSWORD_LENGTH, `reset.tooShort:${MIN_PASSWORD_LENGTH}`).max(1000, "input.tooLong:1000"),
    confirm: z.string().default(""),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "reset.mismatch" });

export async function loader({ params }: LoaderFunctionArgs) {
  const { token } = TokenParam.parse(params);
  return { usable: token !== "" && (await isResetTokenUsable(token)), minLength: MIN_PASSWORD_LENGTH };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { token } = TokenParam.parse(params);
  const form = await readForm(request, NewPassword);
  if (!form.ok) return refuse("reset", form.errors, form.values);
  const result = token ? await resetPassword({ token, password: form.data.password, ip: context.ip }) : ({ ok: false, reason: "invalid_link" } as const);
  if (!result.ok) return refuse("reset", { form: "reset.invalidLink" }, form.values);
  return done(request, { kind: "success", message: "signIn.passwordChanged" }, "/sign-in", { headers: { "Set-Cookie": await clearSessionCookie() } });
}

export default function ResetPassword() {
  const { usable, minLength } = useLoaderData<typeof loader>();
  const refused = useRefusal();
  const t = useT();
  const invalid = !usable || refused.error("reset", "form");
  return (
    <div className="auth-layout">
      <section className="panel auth-panel" aria-labelledby="reset-title">
        <h1 id="reset-title">{t("reset.title")}</h1>
        {invalid ? (
          <>
            <Feedback kind="error">{t("reset.invalidLink")}</Feedback>
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
              error={refused.error("reset", "password")}
            />
            <Field
              name="confirm"
              type="password"
              label={t("reset.confirm")}
              autoComplete="new-password"
              required
              error={refused.error("reset", "confirm")}
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
