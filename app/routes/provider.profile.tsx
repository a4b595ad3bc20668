import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Feedback } from "~/components/Feedback";
import { Notice } from "~/components/Notice";
import { ProviderProfileFields } from "~/components/ProviderProfileForm";
import { getProviderProfile } from "~/modules/directory/centres.server";
import { providerProfileFields, providerProfileSchema } from "~/modules/directory/provider-form";
import { updateProviderProfile } from "~/modules/directory/providers.server";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { useRefusal } from "~/components/refusal";
import { readForm, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { actorFrom } from "~/modules/kernel/actor";

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
  const form = await readForm(request, providerProfileSchema);
  if (!form.ok) return refuseInput(form, "profile");
  const result = await updateProviderProfile(requireProviderId(access), form.data, actorFrom(access, context));
  if (!result.ok) return refuse("profile", "field" in result ? { [result.field!]: result.reason! } : { form: "errors.notFound" }, form.values);
  return done(request, { kind: "success", message: "provider.profileSaved" });
}

export default function ProviderProfile() {
  const { values, returned } = useLoaderData<typeof loader>();
  const refused = useRefusal().of("profile");
  const t = useT();
  const errors = refused?.errors ?? {};
  return (
    <>
      <p>
        <Link to="/provider">{t("nav.home")}</Link>
      </p>
      <h1>{t("provider.profile")}</h1>
      {Object.keys(errors).length > 0 ? <Feedback kind="error">{t("errors.formErrors")} {Object.keys(errors).length}</Feedback> : null}
      {returned.map((r) => (
        <Notice key={r.name} kind="error">
          {r.name}: {t("provider.returnedNote", { note: r.note ?? "" })}
        </Notice>
      ))}
      <Form method="post" noValidate className="panel">
        <ProviderProfileFields values={refused?.values ?? values} errors={errors} />
        <button type="submit" className="button button--primary">
          {t("provider.editProfile")}
        </button>
      </Form>
    </>
  );
}
