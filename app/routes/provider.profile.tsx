import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/Notice";
import { ProviderProfileFields } from "~/components/ProviderProfileForm";
import { getProviderProfile } from "~/modules/directory/centres.server";
import { providerProfileFields, providerProfileSchema } from "~/modules/directory/provider-form";
import { updateProviderProfile } from "~/modules/directory/providers.server";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { fieldErrors, formValues } from "~/utils/forms";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "provider.profile");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "provider.staff.manage");
  const profile = await getProviderProfile(requireProviderId(access));
  if (!profile) throw new Response("Not found", { status: 404 });
  const values = Object.fromEntries(providerProfileFields.map((k) => [k, profile[k] ?? ""]));
  const returned = profile.worksWith.filter((c) => c.status === "returned").map((c) => ({ name: c.name, note: c.reviewNote }));
  return { values, returned };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "provider.staff.manage");
  const formData = await request.formData();
  const values = formValues(formData);
  const parsed = providerProfileSchema.safeParse(Object.fromEntries(providerProfileFields.map((k) => [k, values[k] ?? ""])));
  if (!parsed.success) return data({ ok: false, errors: fieldErrors(parsed.error), values }, { status: 400 });
  const result = await updateProviderProfile(requireProviderId(access), parsed.data, { userId: access.user.id, email: access.user.email, ip: context.ip });
  if (!result.ok) return data({ ok: false, errors: "field" in result ? { [result.field!]: result.reason! } : { form: "errors.notFound" }, values }, { status: 400 });
  return data({ ok: true, errors: {} as Record<string, string>, values });
}

export default function ProviderProfile() {
  const { values, returned } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errors = actionData?.errors ?? {};
  return (
    <>
      <p>
        <Link to="/provider">{t("nav.home")}</Link>
      </p>
      <h1>{t("provider.profile")}</h1>
      {actionData?.ok ? <Notice kind="success">{t("provider.profileSaved")}</Notice> : null}
      {Object.keys(errors).length > 0 ? <Notice kind="error">{t("errors.formErrors")} {Object.keys(errors).length}</Notice> : null}
      {returned.map((r) => (
        <Notice key={r.name} kind="error">
          {r.name}: {t("provider.returnedNote", { note: r.note ?? "" })}
        </Notice>
      ))}
      <Form method="post" noValidate className="panel">
        <ProviderProfileFields values={actionData?.values ?? values} errors={errors} />
        <button type="submit" className="button button--primary">
          {t("provider.editProfile")}
        </button>
      </Form>
    </>
  );
}
