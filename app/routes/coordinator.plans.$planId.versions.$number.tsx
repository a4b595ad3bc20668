import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Notice } from "~/components/Notice";
import { notFound, readParams } from "~/modules/kernel/boundary.server";
import { id, int } from "~/modules/kernel/input";
import { PlanContent } from "~/components/PlanContent";
import { getCentre } from "~/modules/directory/centres.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { getPlanVersion } from "~/modules/plans/plans.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "plans.versionTitle");

/** An earlier version of a plan, read-only, exactly as it stood before the modification that replaced it. */
const VersionParams = z.object({ planId: id(), number: int({ min: 1, max: 1_000_000 }) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "plans.read");
  const cusId = requireCentreId(access);
  const { planId, number } = readParams(params, VersionParams);
  const [found, centre] = await Promise.all([getPlanVersion(cusId, planId, number), getCentre(cusId)]);
  if (!found) throw notFound();
  return {
    planId: found.plan.id,
    currentVersion: found.plan.version,
    residentName: `${found.resident.firstName} ${found.resident.lastName}`,
    centreName: centre?.name ?? "",
    version: { ...found.version, createdAt: found.version.createdAt.toISOString() },
    snapshot: found.snapshot,
    coveredPeople: found.snapshot.plan.isFamilyPlan ? [`${found.resident.firstName} ${found.resident.lastName}`, ...(found.snapshot.members ?? []).map((m) => m.name)] : undefined,
  };
}

export default function PlanVersion() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const date = (v: string) => formatDate(v, locale);
  return (
    <>
      <p>
        <Link to={`/coordinator/plans/${d.planId}`}>{t("plans.backToCurrent", { number: d.currentVersion })}</Link>
      </p>
      <h1>{t("plans.editorHeading", { name: d.residentName })}</h1>
      <p className="lead">
        {t("plans.version", { number: d.version.number })} · {t("plans.period", { from: date(d.snapshot.plan.validFrom), to: date(d.snapshot.plan.validTo) })} ·{" "}
        {t(`plans.status.${d.snapshot.plan.status}` as "plans.status.draft")}
      </p>
      <Notice kind="info">{t("plans.versionReplaced", { date: formatDateTime(d.version.createdAt, locale), reason: d.version.reason })}</Notice>
      <section className="panel">
        <PlanContent goals={d.snapshot.goals} items={d.snapshot.items} t={t} date={date} centreName={d.centreName} coveredPeople={d.coveredPeople} />
      </section>
    </>
  );
}
