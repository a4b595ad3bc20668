import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Feedback } from "~/components/Feedback";
import { Notice } from "~/components/Notice";
import { OfferForm } from "~/components/OfferForm";
import { z } from "zod";
import { errorText, useRefusal } from "~/components/refusal";
import { offerFormSchema, revisionToFormValues } from "~/modules/directory/offer-form";
import { forbidden, notFound, readForm, readParams, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { id, intents, withoutIntent } from "~/modules/kernel/input";
import { archiveOffer, getOfferDetail, listLocations, saveOfferChanges, submitOffer } from "~/modules/directory/offers.server";
import { isVerifiedFor } from "~/modules/directory/providers.server";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { formatDateTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { actorFrom } from "~/modules/kernel/actor";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "offer.review");

const OfferParams = z.object({ offerId: id() });

/** Saving the offer's content, sending it for verification, or taking it out of the service base. */
const OfferAction = intents([offerFormSchema.extend({ intent: z.literal("save") }), z.object({ intent: z.literal("submit") }), z.object({ intent: z.literal("archive") })]);

function refused(error: "not_found" | "forbidden"): never {
  throw error === "forbidden" ? forbidden() : notFound();
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "provider.offers.manage");
  const providerId = requireProviderId(access);
  const { offerId } = readParams(params, OfferParams);
  const detail = await getOfferDetail(offerId, { providerId });
  if ("error" in detail) refused(detail.error);
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
  const actor = actorFrom(access, context);
  const { offerId } = readParams(params, OfferParams);
  const form = await readForm(request, OfferAction);
  if (!form.ok) return refuseInput(form, "offer");
  const input = form.data;
  if (input.intent === "submit") {
    const result = await submitOffer({ offerId, providerId, actor });
    if (!result.ok && (result.reason === "forbidden" || result.reason === "not_found")) refused(result.reason);
    return result.ok ? done(request, { kind: "success", message: "offer.submitted" }) : refuse("offer", { form: result.reason === "not_verified" ? "offer.notVerified" : "offer.underReview" }, {}, 409);
  }
  if (input.intent === "archive") {
    const result = await archiveOffer({ offerId, scope: { providerId }, actor });
    if (!result.ok && (result.reason === "forbidden" || result.reason === "not_found")) refused(result.reason);
    return done(request, { kind: "success", message: "offer.archived" });
  }
  const result = await saveOfferChanges({ offerId, providerId, content: withoutIntent(input), actor });
  if (!result.ok && (result.reason === "forbidden" || result.reason === "not_found")) refused(result.reason);
  if (!result.ok && result.reason === "foreign_place") return refuse("offer", { locationIds: "offer.errors.place" }, form.values);
  return result.ok ? done(request, { kind: "success", message: "offer.saved" }) : refuse("offer", { form: "offer.underReview" }, form.values, 409);
}

export default function EditOffer() {
  const d = useLoaderData<typeof loader>();
  const refusal = useRefusal().of("offer");
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
      {refusal ? <Feedback kind="error">{errorText(t, refusal.errors.form) ?? `${t("errors.formErrors")} ${Object.keys(refusal.errors).length}`}</Feedback> : null}
      {d.reviewComment ? <Notice kind="error">{t("offer.returnedComment", { comment: d.reviewComment })}</Notice> : null}
      {!d.verified ? <Notice>{t("offer.notVerified")}</Notice> : null}
      {underReview ? <Notice>{t("offer.underReview")}</Notice> : null}
      <OfferForm values={refusal?.values.name !== undefined ? refusal.values : d.values} errors={refusal?.errors ?? {}} places={d.places} disabled={underReview || d.archived}>
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
