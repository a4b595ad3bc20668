import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Notice } from "~/components/Notice";
import { OfferForm } from "~/components/OfferForm";
import { offerFormSchema, readOfferForm, revisionToFormValues } from "~/modules/directory/offer-form";
import { archiveOffer, getOfferDetail, listLocations, saveOfferChanges, submitOffer } from "~/modules/directory/offers.server";
import { isVerifiedFor } from "~/modules/directory/providers.server";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { formatDateTime } from "~/utils/format";
import { fieldErrors } from "~/utils/forms";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "offer.review");

function refuse(error: "not_found" | "forbidden"): never {
  throw new Response(error, { status: error === "forbidden" ? 403 : 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "provider.offers.manage");
  const providerId = requireProviderId(access);
  const detail = await getOfferDetail(params.offerId ?? "", { providerId });
  if ("error" in detail) refuse(detail.error);
  const current = detail.working ?? detail.published!;
  const places = await listLocations({ providerId });
  return {
    offerId: detail.offer.id,
    centreName: detail.centreName,
    archived: !!detail.offer.archivedAt,
    verified: await isVerifiedFor(detail.offer.cusId, providerId),
    name: current.name,
    values: revisionToFormValues(current),
    workingStatus: detail.working?.status ?? null,
    reviewComment: detail.working?.status === "returned" ? detail.working.reviewComment : null,
    hasPublished: !!detail.published,
    revisions: detail.revisions.map((r) => ({ id: r.id, number: r.number, status: r.status, name: r.name, createdAt: r.createdAt.toISOString(), reviewComment: r.reviewComment })),
    places: places.map((p) => ({ id: p.id, name: p.name, city: p.city })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "provider.offers.manage");
  const providerId = requireProviderId(access);
  const actor = { userId: access.user.id, email: access.user.email, ip: context.ip };
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "save");
  const offerId = params.offerId ?? "";
  if (intent === "submit") {
    const result = await submitOffer({ offerId, providerId, actor });
    if (!result.ok && (result.reason === "forbidden" || result.reason === "not_found")) refuse(result.reason);
    return data({ message: result.ok ? "offer.submitted" : result.reason === "not_verified" ? "offer.notVerified" : "offer.underReview", ok: result.ok, errors: {}, values: null });
  }
  if (intent === "archive") {
    const result = await archiveOffer({ offerId, scope: { providerId }, actor });
    if (!result.ok && (result.reason === "forbidden" || result.reason === "not_found")) refuse(result.reason);
    return data({ message: "offer.archived", ok: true, errors: {}, values: null });
  }
  const raw = readOfferForm(formData);
  const parsed = offerFormSchema.safeParse(raw);
  if (!parsed.success) return data({ message: "errors.formErrors", ok: false, errors: fieldErrors(parsed.error), values: raw }, { status: 400 });
  const result = await saveOfferChanges({ offerId, providerId, content: parsed.data, actor });
  if (!result.ok && (result.reason === "forbidden" || result.reason === "not_found")) refuse(result.reason);
  if (!result.ok && result.reason === "foreign_place") return data({ message: "errors.formErrors", ok: false, errors: { locationIds: "offer.errors.place" }, values: raw }, { status: 400 });
  return data({ message: result.ok ? "offer.saved" : "offer.underReview", ok: result.ok, errors: {}, values: null }, { status: result.ok ? 200 : 409 });
}

export default function EditOffer() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const underReview = d.workingStatus === "submitted";
  const canSubmit = !d.archived && (d.workingStatus === "draft" || d.workingStatus === "returned");
  return (
    <>
      <p>
        <Link to="/provider">{t("nav.home")}</Link>
      </p>
      <h1>{t("offer.editTitle", { name: d.name })}</h1>
      <p>
        {t("offer.centre")}: {d.centreName} · {t("offer.status")}:{" "}
        <strong>{d.archived ? t("offer.archived") : d.workingStatus ? t(`revisionStatus.${d.workingStatus}` as "revisionStatus.draft") : t("revisionStatus.published")}</strong>
        {d.hasPublished && !d.archived ? (
          <>
            {" "}
            · <Link to={`/catalogue/${d.offerId}`}>{t("offer.viewPublic")}</Link>
          </>
        ) : null}
      </p>
      {actionData ? <Notice kind={actionData.ok ? "success" : "error"}>{t(actionData.message as "offer.saved")}</Notice> : params.get("saved") ? <Notice kind="success">{t("offer.saved")}</Notice> : null}
      {d.reviewComment ? <Notice kind="error">{t("offer.returnedComment", { comment: d.reviewComment })}</Notice> : null}
      {!d.verified ? <Notice>{t("offer.notVerified")}</Notice> : null}
      {underReview ? <Notice>{t("offer.underReview")}</Notice> : null}
      <OfferForm values={actionData?.values ?? d.values} errors={actionData?.errors ?? {}} places={d.places} disabled={underReview || d.archived}>
        {!underReview && !d.archived ? (
          <button type="submit" name="intent" value="save" className="button button--primary">
            {t("offer.save")}
          </button>
        ) : null}
      </OfferForm>
      {!d.archived ? (
        <div className="button-row">
          {canSubmit ? (
            <Form method="post">
              <button type="submit" name="intent" value="submit" className="button button--primary">
                {t("offer.submit")}
              </button>
            </Form>
          ) : null}
          <Form method="post">
            <button type="submit" name="intent" value="archive" className="button button--danger">
              {t("offer.archive")}
            </button>
          </Form>
        </div>
      ) : null}
      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">{t("offer.history")}</h2>
        <ul className="plain-list">
          {d.revisions.map((r) => (
            <li key={r.id}>
              {t("offer.version", { number: r.number })}: {r.name} – {t(`revisionStatus.${r.status}` as "revisionStatus.draft")} ({formatDateTime(r.createdAt, locale)})
              {r.reviewComment ? <div className="muted">{r.reviewComment}</div> : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
