import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/Notice";
import { getProviderLink, reviewProvider, type ProviderDecision } from "~/modules/directory/providers.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "desk.providersToVerify");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "directory.review");
  const link = await getProviderLink(requireCentreId(access), params.providerId ?? "");
  if (!link) throw new Response("Not found", { status: 404 });
  const p = link.provider;
  return {
    provider: { id: p.id, name: p.name, legalForm: p.legalForm, subtype: p.subtype, nip: p.nip, regon: p.regon, krs: p.krs, address: `${p.street ?? ""}, ${p.postalCode ?? ""} ${p.city}`, gmina: p.gminaName, contactPerson: p.contactPerson, phone: p.phone, email: p.email, website: p.website, description: p.description },
    status: link.status,
    reviewNote: link.reviewNote,
    providerReply: link.providerReply,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "directory.review");
  const formData = await request.formData();
  const decision = String(formData.get("decision") ?? "") as ProviderDecision;
  if (!["verify", "return", "suspend"].includes(decision)) return data({ error: "errors.unexpected" }, { status: 400 });
  const result = await reviewProvider({
    cusId: requireCentreId(access),
    providerId: params.providerId ?? "",
    decision,
    note: String(formData.get("note") ?? ""),
    actor: { userId: access.user.id, email: access.user.email, ip: context.ip },
  });
  if (!result.ok) return data({ error: result.reason === "note_required" ? "desk.reasonRequired" : "errors.notFound" }, { status: 400 });
  throw redirect("/organizer");
}

export default function ReviewProvider() {
  const { provider: p, status, reviewNote, providerReply } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <p>
        <Link to="/organizer">{t("nav.home")}</Link>
      </p>
      <h1>{p.name}</h1>
      <p>
        {t("provider.status")}: <span className={`badge badge--${status}`}>{t(`providerStatus.${status}`)}</span>
      </p>
      {reviewNote ? <p className="muted">{t("provider.returnedNote", { note: reviewNote })}</p> : null}
      {providerReply ? <Notice>{t("desk.providerReply", { reply: providerReply })}</Notice> : null}
      <section className="panel" aria-labelledby="data-title">
        <h2 id="data-title">{t("provider.profile")}</h2>
        <dl className="details">
          <dt>{t("provider.legalForm")}</dt>
          <dd>
            {t(`legalForms.${p.legalForm}`)}
            {p.subtype ? ` (${p.subtype})` : ""}
          </dd>
          <dt>{t("provider.nip")}</dt>
          <dd>{p.nip ?? "—"}</dd>
          <dt>{t("provider.regon")}</dt>
          <dd>{p.regon ?? "—"}</dd>
          <dt>{t("provider.krs")}</dt>
          <dd>{p.krs ?? "—"}</dd>
          <dt>{t("home.address")}</dt>
          <dd>
            {p.address} ({p.gmina ?? "—"})
          </dd>
          <dt>{t("provider.contactPerson")}</dt>
          <dd>
            {p.contactPerson ?? "—"}, {p.phone ?? "—"}, {p.email}
          </dd>
          {p.website ? (
            <>
              <dt>{t("provider.website")}</dt>
              <dd>{p.website}</dd>
            </>
          ) : null}
          {p.description ? (
            <>
              <dt>{t("provider.description")}</dt>
              <dd>{p.description}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <Form method="post" className="panel" aria-labelledby="decision-title">
        <h2 id="decision-title">{t("desk.review")}</h2>
        {actionData?.error ? <Notice kind="error">{t(actionData.error as "desk.reasonRequired")}</Notice> : null}
        <div className="field">
          <label htmlFor="note">{t("desk.reason")}</label>
          <textarea id="note" name="note" />
        </div>
        <div className="button-row">
          <button type="submit" name="decision" value="verify" className="button button--primary">
            {t("desk.verify")}
          </button>
          <button type="submit" name="decision" value="return" className="button">
            {t("desk.returnProvider")}
          </button>
          <button type="submit" name="decision" value="suspend" className="button button--danger">
            {t("desk.suspend")}
          </button>
        </div>
      </Form>
    </>
  );
}
