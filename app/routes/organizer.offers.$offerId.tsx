import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useRefusal } from "~/components/refusal";
import { forbidden, notFound, readForm, readParams, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { choice, id } from "~/modules/kernel/input";
import { Feedback } from "~/components/Feedback";
import { Notice } from "~/components/Notice";
import { getOfferDetail, reviewOffer } from "~/modules/directory/offers.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { formatDateTime, formatMoney } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { actorFrom } from "~/modules/kernel/actor";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "offer.review");

const OfferParams = z.object({ offerId: id() });
const Review = z.object({ decision: choice(["publish", "return"]), comment: z.string().trim().max(2000, "input.tooLong:2000").default("") });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "directory.review");
  const { offerId } = readParams(params, OfferParams);
  const detail = await getOfferDetail(offerId, { cusId: requireCentreId(access) });
  if ("error" in detail) throw detail.error === "forbidden" ? forbidden() : notFound();
  const r = detail.working ?? detail.published!;
  return {
    offerId: detail.offer.id,
    providerName: detail.provider?.name ?? detail.centreName,
    status: r.status,
    revision: {
      number: r.number,
      name: r.name,
      description: r.description,
      area: r.area,
      category: r.category,
      targetGroups: r.targetGroups,
      deliveryModes: r.deliveryModes,
      unit: r.unit,
      priceGrosze: r.priceGrosze,
      feeLabel: r.feeLabel,
      limitUnits: r.limitUnits,
      limitPeriodMonths: r.limitPeriodMonths,
      eligibility: r.eligibility,
      howToApply: r.howToApply,
    },
    publishedName: detail.published && detail.working ? detail.published.name : null,
    revisions: detail.revisions.map((x) => ({ id: x.id, number: x.number, status: x.status, name: x.name, createdAt: x.createdAt.toISOString(), reviewComment: x.reviewComment })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "directory.review");
  const { offerId } = readParams(params, OfferParams);
  const form = await readForm(request, Review);
  if (!form.ok) return refuseInput(form, "review");
  const result = await reviewOffer({ offerId, cusId: requireCentreId(access), decision: form.data.decision, comment: form.data.comment, actor: actorFrom(access, context) });
  if (!result.ok) {
    if (result.reason === "forbidden" || result.reason === "not_found") throw result.reason === "forbidden" ? forbidden() : notFound();
    return refuse("review", { form: result.reason === "comment_required" ? "offer.commentRequired" : "offer.underReview" }, form.values, 409);
  }
  throw redirect("/organizer");
}

export default function ReviewOffer() {
  const d = useLoaderData<typeof loader>();
  const refusal = useRefusal();
  const reviewError = refusal.error("review", "form") ?? refusal.error("review", "comment") ?? refusal.error("review", "decision");
  const t = useT();
  const locale = useLocale();
  const r = d.revision;
  return (
    <>
      <p>
        <Link to="/organizer">{t("nav.home")}</Link>
      </p>
      <h1>{t("offer.editTitle", { name: r.name })}</h1>
      <p>
        {d.providerName} · {t("offer.version", { number: r.number })} · {t(`revisionStatus.${d.status}` as "revisionStatus.draft")}
      </p>
      {d.publishedName ? <Notice>{t("offer.publishedVersion")}: {d.publishedName}</Notice> : null}
      <section className="panel" aria-labelledby="content-title">
        <h2 id="content-title">{t("offer.basics")}</h2>
        <p>{r.description}</p>
        <dl className="details">
          <dt>{t("offer.area")}</dt>
          <dd>{`${r.area}. ${t(`areas.${r.area}` as "areas.1")}`}</dd>
          <dt>{t("offer.category")}</dt>
          <dd>{r.category ?? "—"}</dd>
          <dt>{t("offer.targetGroups")}</dt>
          <dd>{r.targetGroups.map((g) => t(`targetGroups.${g}` as "targetGroups.seniors")).join(", ")}</dd>
          <dt>{t("offer.deliveryModes")}</dt>
          <dd>{r.deliveryModes.map((m) => t(`deliveryModes.${m}` as "deliveryModes.place")).join(", ")}</dd>
          <dt>{t("offer.unit")}</dt>
          <dd>{t(`units.${r.unit}`)}</dd>
          <dt>{t("offer.price")}</dt>
          <dd>{formatMoney(r.priceGrosze, locale)}</dd>
          <dt>{t("offer.feeLabel")}</dt>
          <dd>{t(`feeLabels.${r.feeLabel}`)}</dd>
          <dt>{t("catalogue.limit")}</dt>
          <dd>{r.limitUnits && r.limitPeriodMonths ? t("catalogue.limitValue", { units: r.limitUnits, unit: t(`units.${r.unit}`), months: r.limitPeriodMonths }) : "—"}</dd>
          <dt>{t("offer.eligibility")}</dt>
          <dd>{r.eligibility ?? "—"}</dd>
          <dt>{t("offer.howToApply")}</dt>
          <dd>{r.howToApply ?? "—"}</dd>
        </dl>
      </section>
      {d.status === "submitted" ? (
        <Form method="post" className="panel" aria-labelledby="decision-title">
          <h2 id="decision-title">{t("offer.review")}</h2>
          {reviewError ? <Feedback kind="error">{reviewError}</Feedback> : null}
          <div className="field">
            <label htmlFor="comment">{t("offer.comment")}</label>
            <textarea id="comment" name="comment" defaultValue={refusal.value("review", "comment")} />
          </div>
          <div className="button-row">
            <button type="submit" name="decision" value="publish" className="button button--primary">
              {t("offer.publish")}
            </button>
            <button type="submit" name="decision" value="return" className="button">
              {t("offer.returnWithComment")}
            </button>
          </div>
        </Form>
      ) : null}
      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">{t("offer.history")}</h2>
        <ul className="plain-list">
          {d.revisions.map((x) => (
            <li key={x.id}>
              {t("offer.version", { number: x.number })}: {x.name} – {t(`revisionStatus.${x.status}` as "revisionStatus.draft")} ({formatDateTime(x.createdAt, locale)})
              {x.reviewComment ? <div className="muted">{x.reviewComment}</div> : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
