import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PlanContent } from "~/components/PlanContent";
import { previewCopay } from "~/modules/billing/preview.server";
import { clock } from "~/modules/kernel/clock.server";
import { warsawDate } from "~/modules/kernel/dates";
import { getCentre } from "~/modules/directory/centres.server";
import { z } from "zod";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { actorFrom } from "~/modules/kernel/actor";
import { notFound, readParams } from "~/modules/kernel/boundary.server";
import { id } from "~/modules/kernel/input";
import { getSessionContext } from "~/modules/identity/session.server";
import { readPlan, readPlanAsResident } from "~/modules/plans/plans.server";
import { getOwnResidentRecord } from "~/modules/plans/residents.server";
import { formatDate, formatMoney } from "~/utils/format";
import { getT, toLocale, translatedForResidents } from "~/utils/i18n";

/** Residents read this page in Ukrainian too. */
export const handle = translatedForResidents;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} – ${data.resident.name}` : "IPUS" }];

/**
 * A copy of the plan for the resident, in their language (Polish when the portal does not have it), laid out
 * for paper: print it or save it as PDF from the browser. Centre staff print any plan of their centre; a
 * resident only their own.
 */
const PrintParams = z.object({ planId: id() });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { planId } = readParams(params, PrintParams);
  const session = await getSessionContext(request);
  const membership = session?.membership;
  let found: Awaited<ReturnType<typeof readPlan>>;
  let cusId: string;
  let readerLanguage: string | null = null;
  if (membership?.role === "resident" && membership.cusId) {
    cusId = membership.cusId;
    const own = await getOwnResidentRecord(session!.user.id, cusId);
    readerLanguage = own?.preferredLanguage ?? null;
    // A resident asking for someone else's plan gets the same answer as for a plan that does not exist.
    found = own ? await readPlanAsResident(cusId, planId, own.id, actorFrom(session!, context)) : null;
  } else {
    const access = await requireAccess(request, "plans.read");
    cusId = requireCentreId(access);
    found = await readPlan(cusId, planId, { actor: actorFrom(access, context), action: "plan.printed" });
  }
  const centre = await getCentre(cusId);
  if (!found || !centre) throw notFound();
  // A family member reads their own copy in their own language; staff print it in the plan owner's.
  const locale = toLocale(readerLanguage ?? found.resident.preferredLanguage);
  const t = getT(locale);
  const copay = await previewCopay({ cusId, residentId: found.plan.residentId, items: found.items, day: warsawDate(clock.now()) });
  return {
    copayLine: copay.monthlyGrosze > 0 ? t("billing.copayMonthly", { amount: formatMoney(copay.monthlyGrosze, locale) }) : t("billing.copayFree"),
    locale,
    title: t("print.title"),
    back: membership?.role === "resident" ? "/me" : `/coordinator/plans/${found.plan.id}`,
    centre: { name: centre.name, phone: centre.phone, email: centre.email },
    resident: { name: `${found.resident.firstName} ${found.resident.lastName}` },
    coveredPeople: found.plan.isFamilyPlan ? [`${found.resident.firstName} ${found.resident.lastName}`, ...found.members.map((m) => m.name)] : undefined,
    plan: { validFrom: found.plan.validFrom, validTo: found.plan.validTo, status: found.plan.status, version: found.plan.version, approvedAt: found.plan.approvedAt?.toISOString() ?? null, firstReviewOn: found.plan.firstReviewOn },
    goals: found.goals.map((g) => ({ id: g.id, description: g.description, criteria: g.criteria })),
    items: found.items.map((i) => ({ id: i.id, offerName: i.offerName, providerName: i.providerName, locationName: i.locationName, units: i.units, unit: i.unit, frequency: i.frequency, validFrom: i.validFrom, validTo: i.validTo })),
  };
}

export default function PrintPlan() {
  const d = useLoaderData<typeof loader>();
  const t = getT(d.locale);
  const date = (v: string) => formatDate(v, d.locale);
  return (
    <article className="print-plan" lang={d.locale}>
      <p className="no-print">
        <Link to={d.back}>{t("print.back")}</Link> · {t("print.howTo")}
      </p>
      <header>
        <p>{d.centre.name}</p>
        <h1>{t("print.title")}</h1>
        <p className="lead">{d.resident.name}</p>
        <p>
          {t("plans.period", { from: date(d.plan.validFrom), to: date(d.plan.validTo) })} · {t(`plans.status.${d.plan.status}` as "plans.status.draft")} · {t("plans.version", { number: d.plan.version })}
        </p>
        {d.plan.approvedAt ? <p>{t("print.approved", { date: date(d.plan.approvedAt) })}</p> : null}
      </header>
      <PlanContent goals={d.goals} items={d.items} t={t} date={date} centreName={d.centre.name} coveredPeople={d.coveredPeople} />
      <p>
        <strong>{d.copayLine}</strong>
      </p>
      {d.plan.firstReviewOn ? <p>{t("plans.firstReview", { date: date(d.plan.firstReviewOn) })}</p> : null}
      <p>{t("print.contact", { centre: d.centre.name, phone: d.centre.phone ?? "", email: d.centre.email })}</p>
    </article>
  );
}
