import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import {
  RESET_VALID_MINUTES,
  requestPasswordReset,
} from "~/modules/identity/password-reset.server";
import { appUrl } from "~/utils/env.server";
import { useRefusal } from "~/components/refusal";
import {
  readForm,
  refuse,
  refuseInput,
} from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { email } from "~/modules/kernel/input";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { translatedForResidents } from "~/utils/i18n";

/** Residents read this page in Ukrainian too. */
export const handle = translatedForResidents;

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "forgot.title");

const ForgotForm = z.object({ email: email() });

export function loader() {
  return { validMinutes: RESET_VALID_MINUTES };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, ForgotForm);
  if (!form.ok) return refuseInput(form, "forgot");
  const result = await requestPasswordReset({
    email: form.data.email,
    baseUrl: appUrl(request),
    ip: context.ip,
  });
  if (!result.ok)
    return refuse(
      "forgot",
      { form: `forgot.rateLimited:${result.retryAfterMinutes}` },
      form.values,
      429,
    );
  return done(request, { kind: "success", message: "forgot.sent" }, "/sign-in");
}

export default function ForgotPassword() {
  const refused = useRefusal();
  const { validMinutes } = useLoaderData<typeof loader>();
  const t = useT();
  const formError = refused.error("forgot", "form");
  return (
    <div className="auth-layout">
      <section className="panel auth-panel" aria-labelledby="forgot-title">
        <h1 id="forgot-title">{t("forgot.title")}</h1>
        <p>{t("forgot.intro", { minutes: validMinutes })}</p>
        {formError ? <Feedback kind="error">{formError}</Feedback> : null}
        <Form method="post" noValidate>
          <Field
            name="email"
            type="email"
            label={t("signIn.email")}
            autoComplete="email"
            required
            defaultValue={refused.value("forgot", "email")}
            error={refused.error("forgot", "email")}
          />
          <button type="submit" className="button button--primary">
            {t("forgot.submit")}
          </button>
        </Form>
        <p>
          <Link to="/sign-in">{t("forgot.back")}</Link>
        </p>
      </section>
    </div>
  );
}
