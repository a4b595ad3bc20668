import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useRefusal } from "~/components/refusal";
import { forbidden, notFound, readForm, readParams, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { id, intents, withoutIntent } from "~/modules/kernel/input";
import { Feedback } from "~/components/Feedback";
import { Notice } from "~/components/Notice";
import { OfferForm } from "~/components/OfferForm";
import { getCentreActivity, publishCentreActivity, withdrawCentreActivity } from "~/modules/directory/centre-activities.server";
import { offerFormSchema, revisionToFormValues } from "~/modules/directory/offer-form";
import { listLocations } from "~/modules/directory/offers.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { formatDateTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { actorFrom } from "~/modules/kernel/actor";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "activities.title");

/** `/community/activities/new` starts a new activity; any other id is one of the centre's own. */
const NEW = "new";

function refused(error: "not_found" | "forbidden"): never {
  throw error === "forbidden" ? forbidden() : notFound();
}

const ActivityParams = z.object({ offerId: z.union([z.literal(NEW), id()]) });

/** Publishing the activity (new, or a new version of it), or withdrawing it. */
const ActivityAction = intents([offerFormSchema.extend({ intent: z.literal("publish") }), z.object({ intent: z.literal("withdraw") })]);

/** A new activity is free, for everyone in the community, at the centre's place, by default. */
const newActivityDefaults = { feeLabel: "free", price: "0", groupMode: "group", unit: "session", targetGroups: ["everyone"], deliveryModes: ["place"], languages: ["pl"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "centre.activities.manage");
  const cusId = requireCentreId(access);
  const places = (await listLocations({ cusId })).map((p) => ({ id: p.id, name: p.name, city: p.city }));
  const { offerId } = readParams(params, ActivityParams);
  if (offerId === NEW) return { offerId: null, name: null, archived: false, values: newActivityDefaults, revisions: [], places };
  const activity = await getCentreActivity(cusId, offerId);
  if ("error" in activity) refused(activity.error);
  return {
    offerId: activity.offer.id,
    name: activity.current.name,
    archived: !!activity.offer.archivedAt,
    values: revisionToFormValues(activity.current),
    revisions: activity.revisions.map((r) => ({ id: r.id, number: r.number, status: r.status, name: r.name, createdAt: r.createdAt.toISOString() })),
    places,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "centre.activities.manage");
  const cusId = requireCentreId(access);
  const actor = actorFrom(access, context);
  const param = readParams(params, ActivityParams).offerId;
  const offerId = param === NEW ? null : param;
  const form = await readForm(request, ActivityAction);
  if (!form.ok) return refuseInput(form, "activity");
  if (form.data.intent === "withdraw") {
    if (!offerId) throw notFound();
    const result = await withdrawCentreActivity({ cusId, offerId, actor });
    if (!result.ok && (result.reason === "forbidden" || result.reason === "not_found")) refused(result.reason);
    return done(request, { kind: "success", message: "offer.archived" }, `/community/activities/${offerId}`);
  }
  const result = await publishCentreActivity({ cusId, offerId, content: withoutIntent(form.data), actor });
  if (!result.ok) {
    if (result.reason === "forbidden" || result.reason === "not_found") refused(result.reason);
    return refuse("activity", result.reason === "foreign_place" ? { locationIds: "offer.errors.place" } : { form: "offer.archived" }, form.values);
  }
  return done(request, { kind: "success", message: "activities.published" }, `/community/activities/${result.offerId}`);
}

export default function CentreActivity() {
  const d = useLoaderData<typeof loader>();
  const refusal = useRefusal().of("activity");
  const t = useT();
  const locale = useLocale();
  const errors = refusal?.errors ?? {};
  return (
    <>
      <p>
        <Link to="/community/activities">{t("activities.title")}</Link>
      </p>
      <h1>{d.name ? t("offer.editTitle", { name: d.name }) : t("activities.new")}</h1>
      <p>{t("activities.publishNote")}</p>
      {d.archived ? <Notice>{t("offer.archived")}</Notice> : null}
      {Object.keys(errors).length ? <Feedback kind="error">{t("errors.formErrors")} {Object.keys(errors).length}</Feedback> : null}
      {d.offerId && !d.archived ? (
        <p>
          <Link to={`/catalogue/${d.offerId}`}>{t("offer.viewPublic")}</Link>
        </p>
      ) : null}
      <OfferForm values={refusal?.values ?? d.values} errors={errors} places={d.places} disabled={d.archived}>
        {!d.archived ? (
          <button type="submit" name="intent" value="publish" className="button button--primary">
            {t("activities.publish")}
          </button>
        ) : null}
      </OfferForm>
      {d.offerId && !d.archived ? (
        <Form method="post" className="button-row">
          <button type="submit" name="intent" value="withdraw" className="button button--danger">
            {t("offer.archive")}
          </button>
        </Form>
      ) : null}
      {d.revisions.length ? (
        <section className="panel" aria-labelledby="history-title">
          <h2 id="history-title">{t("offer.history")}</h2>
          <ul className="plain-list">
            {d.revisions.map((r) => (
              <li key={r.id}>
                {t("offer.version", { number: r.number })}: {r.name} – {t(`revisionStatus.${r.status}` as "revisionStatus.draft")} ({formatDateTime(r.createdAt, locale)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
