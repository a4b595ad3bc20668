import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/Field";
import { Notice } from "~/components/Notice";
import { RESET_VALID_MINUTES, requestPasswordReset } from "~/modules/identity/password-reset.server";
import { appUrl } from "~/utils/env.server";
import { fieldErrors } from "~/utils/forms";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { translatedForResidents } from "~/utils/i18n";

/** Residents read this page in Ukrainian too. */
export const handle = translatedForResidents;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "forgot.title");

const ForgotForm = z.object({
  email: z.string().trim().min(1, "signIn.emailRequired").pipe(z.email("signIn.emailInvalid")),
});

export function loader() {
  return { validMinutes: RESET_VALID_MINUTES };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const email = String(formData.get("email") ?? "");
  const parsed = ForgotForm.safeParse({ email });
  if (!parsed.success) return data({ sent: false, email, errors: fieldErrors(parsed.error) }, { status: 400 });
  await requestPasswordReset({ email: parsed.data.email, baseUrl: appUrl(request), ip: context.ip });
  return { sent: true, email, errors: {} as Record<string, string> };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const { validMinutes } = useLoaderData<typeof loader>();
  const t = useT();
  const emailError = actionData?.errors.email;
  return (
    <div className="auth-layout">
      <section className="panel auth-panel" aria-labelledby="forgot-title">
        <h1 id="forgot-title">{t("forgot.title")}</h1>
        {actionData?.sent ? (
          <Notice kind="success">{t("forgot.sent")}</Notice>
        ) : (
          <>
            <p>{t("forgot.intro", { minutes: validMinutes })}</p>
            <Form method="post" noValidate>
              <Field
                name="email"
                type="email"
                label={t("signIn.email")}
                autoComplete="email"
                required
                defaultValue={actionData?.email ?? ""}
                error={emailError ? t(emailError as "signIn.emailInvalid") : undefined}
              />
              <button type="submit" className="button button--primary">
                {t("forgot.submit")}
              </button>
            </Form>
          </>
        )}
        <p>
          <Link to="/sign-in">{t("forgot.back")}</Link>
        </p>
      </section>
    </div>
  );
}
