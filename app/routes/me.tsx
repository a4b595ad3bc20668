import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FeedSubscription } from "~/components/FeedSubscription";
import { getFeedStatus, regenerateFeedToken } from "~/modules/booking/calendar-feeds.server";
import { appUrl } from "~/utils/env.server";
import { CentreCard } from "~/components/CentreCard";
import { getCentre } from "~/modules/directory/centres.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { getOwnResidentRecord } from "~/modules/plans/residents.server";
import { formatDate } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "home.myData");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "resident.self");
  const cusId = requireCentreId(access);
  const [centre, record] = await Promise.all([getCentre(cusId), getOwnResidentRecord(access.user.id, cusId)]);
  if (!centre) throw new Response("Not found", { status: 404 });
  const feed = record ? await getFeedStatus({ residentId: record.id }) : null;
  return {
    name: access.user.name,
    hasRecord: !!record,
    feedCreatedAt: feed?.createdAt.toISOString() ?? null,
    centre,
    record: record
      ? {
          name: `${record.firstName} ${record.lastName}`,
          birthDate: record.birthDate,
          address: [record.street, [record.postalCode, record.city].filter(Boolean).join(" ")].filter(Boolean).join(", "),
          gmina: record.gminaName,
          phone: record.phone,
          email: record.email,
        }
      : null,
  };
}

/** The resident makes (or replaces) the secret address of their own calendar feed. */
export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "resident.self");
  const record = await getOwnResidentRecord(access.user.id, requireCentreId(access));
  if (!record) throw new Response("Not found", { status: 404 });
  const token = await regenerateFeedToken({ residentId: record.id }, { userId: access.user.id, email: access.user.email, ip: context.ip });
  return { feedUrl: `${appUrl(request)}/feeds/${token}.ics` };
}

export default function ResidentHome() {
  const { name, centre, record, hasRecord, feedCreatedAt } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{t("home.welcome", { name })}</h1>
      <section className="panel" aria-labelledby="my-data-title">
        <h2 id="my-data-title">{t("home.myData")}</h2>
        {record ? (
          <dl className="details details--large">
            <dt>{t("home.residentName")}</dt>
            <dd>{record.name}</dd>
            {record.birthDate ? (
              <>
                <dt>{t("home.birthDate")}</dt>
                <dd>{formatDate(`${record.birthDate}T12:00:00Z`, locale)}</dd>
              </>
            ) : null}
            <dt>{t("home.address")}</dt>
            <dd>{record.address || "—"}</dd>
            <dt>{t("home.gmina")}</dt>
            <dd>{record.gmina ?? "—"}</dd>
            <dt>{t("home.phone")}</dt>
            <dd>{record.phone ?? "—"}</dd>
            <dt>{t("home.email")}</dt>
            <dd>{record.email ?? "—"}</dd>
          </dl>
        ) : (
          <p>{t("home.noResidentRecord")}</p>
        )}
      </section>
      <p className="lead">{t("home.myCentreIntro")}</p>
      {hasRecord ? <FeedSubscription createdAt={feedCreatedAt} newUrl={actionData?.feedUrl ?? null} /> : null}
      <CentreCard centre={centre} headingId="centre-title" heading={t("home.myCentre")} />
    </>
  );
}
