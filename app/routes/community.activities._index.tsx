import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PlaceManager } from "~/components/PlaceManager";
import { listCentreActivities } from "~/modules/directory/centre-activities.server";
import { createLocation, listLocations, toPlaceRow } from "~/modules/directory/offers.server";
import { placeFormSchema } from "~/modules/directory/place-form";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { formatDate } from "~/utils/format";
import { readForm, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { actorFrom } from "~/modules/kernel/actor";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "activities.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "centre.activities.manage");
  const cusId = requireCentreId(access);
  const [activities, places] = await Promise.all([listCentreActivities(cusId), listLocations({ cusId })]);
  return {
    activities: activities.map((a) => ({ ...a, publishedAt: a.publishedAt?.toISOString() ?? null, archivedAt: a.archivedAt?.toISOString() ?? null })),
    places: places.map(toPlaceRow),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "centre.activities.manage");
  const form = await readForm(request, placeFormSchema);
  if (!form.ok) return refuseInput(form, "place");
  await createLocation({ cusId: requireCentreId(access) }, form.data, actorFrom(access, context));
  return done(request, { kind: "success", message: "provider.placeAdded" });
}

export default function CentreActivities() {
  const { activities, places } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <p>
        <Link to="/community">{t("nav.home")}</Link>
      </p>
      <h1>{t("activities.title")}</h1>
      <p>{t("activities.intro")}</p>
      <p>
        <Link className="button button--primary" to="/community/activities/new">
          {t("activities.new")}
        </Link>{" "}
        <Link className="button" to="/community/calendar">
          {t("activities.calendar")}
        </Link>
      </p>
      {activities.length === 0 ? (
        <p>{t("activities.none")}</p>
      ) : (
        <table className="table">
          <caption>{t("activities.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("offer.name")}</th>
              <th scope="col">{t("offer.area")}</th>
              <th scope="col">{t("activities.publishedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {activities.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/community/activities/${a.id}`}>{a.name}</Link>
                  {a.archivedAt ? <span className="badge badge--suspended"> {t("offer.archived")}</span> : null}
                </td>
                <td>{t(`areas.${a.area}` as "areas.1")}</td>
                <td>{a.publishedAt ? formatDate(a.publishedAt, locale) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("activities.places")}</h2>
      <PlaceManager places={places} />
    </>
  );
}
