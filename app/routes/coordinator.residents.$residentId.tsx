import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Field, SelectField, TextArea } from "~/components/Field";
import { Notice } from "~/components/Notice";
import { listResidentBookings } from "~/modules/booking/bookings.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { planFormSchema, planPeriodLimits } from "~/modules/plans/plan-form";
import { createPlan, decideApplication, listApplications, listResidentPlans, recordApplication } from "~/modules/plans/plans.server";
import { consentMethods, consentPurposes, type ConsentMethod, type ConsentPurpose } from "~/modules/plans/consents";
import { giveConsent, listConsents, listResidents, readResidentRecord, withdrawConsent } from "~/modules/plans/residents.server";
import { familyRelations, isFamilyRelation } from "~/modules/plans/family";
import { linkFamily, listFamily, unlinkFamily } from "~/modules/plans/family.server";
import { listCentreProviders } from "~/modules/directory/centres.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { fieldErrors, formValues } from "~/utils/forms";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "residents.recordTitle");

const applicationSchema = z.object({
  applicantKind: z.enum(["resident", "family", "social_worker", "institution", "other"]),
  applicantName: z.string().trim().max(200).transform((v) => (v === "" ? null : v)),
  needs: z.string().trim().min(10, "residents.errors.needs").max(4000),
  receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "plans.errors.date"),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "plans.manage");
  const cusId = requireCentreId(access);
  const record = await readResidentRecord(cusId, params.residentId ?? "", { userId: access.user.id, email: access.user.email, ip: context.ip });
  if (!record) throw new Response("Not found", { status: 404 });
  const familySearch = new URL(request.url).searchParams.get("family")?.trim() ?? "";
  const [applicationRows, planRows, bookingRows, consentRows, providers, family, found] = await Promise.all([
    listApplications(cusId, record.id),
    listResidentPlans(record.id),
    listResidentBookings(record.id),
    listConsents(cusId, record.id),
    listCentreProviders(cusId),
    listFamily(cusId, record.id),
    familySearch ? listResidents(cusId, { search: familySearch }) : Promise.resolve([]),
  ]);
  const linked = new Set(family.map((f) => f.residentId));
  const today = new Date().toISOString().slice(0, 10);
  return {
    record,
    today,
    defaultEnd: planPeriodLimits(today).latestEnd,
    applications: applicationRows.map((a) => ({ ...a, createdAt: a.createdAt.toISOString(), decidedAt: a.decidedAt?.toISOString() ?? null })),
    plans: planRows.map((p) => ({ id: p.id, status: p.status, validFrom: p.validFrom, validTo: p.validTo, isFamilyPlan: p.isFamilyPlan, ownerName: p.residentId === record.id ? null : `${p.firstName} ${p.lastName}` })),
    family: family.map((f) => ({ residentId: f.residentId, name: `${f.firstName} ${f.lastName}`, relation: f.relation, birthDate: f.birthDate })),
    familySearch,
    familyCandidates: found.filter((c) => c.id !== record.id && !linked.has(c.id)).map((c) => ({ id: c.id, name: `${c.firstName} ${c.lastName}`, gmina: c.gminaName })),
    consents: consentRows.map(({ consent, providerName }) => ({ id: consent.id, purpose: consent.purpose, method: consent.method, providerName, givenAt: consent.givenAt.toISOString(), withdrawnAt: consent.withdrawnAt?.toISOString() ?? null })),
    providers: providers.filter((p) => p.status === "verified").map((p) => ({ value: p.id, label: p.name })),
    bookings: bookingRows.map((b) => ({ ...b, startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString() })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "plans.manage");
  const cusId = requireCentreId(access);
  const actor = { userId: access.user.id, email: access.user.email, ip: context.ip };
  const formData = await request.formData();
  const values = formValues(formData);
  const residentId = params.residentId ?? "";
  if (values.intent === "consent") {
    const purpose = (consentPurposes as readonly string[]).includes(values.purpose ?? "") ? (values.purpose as ConsentPurpose) : null;
    const method = (consentMethods as readonly string[]).includes(values.method ?? "") ? (values.method as ConsentMethod) : null;
    if (!purpose || !method) return data({ form: "consent", errors: { purpose: "residents.errors.consent" }, values }, { status: 400 });
    const result = await giveConsent({ cusId, residentId, purpose, providerId: values.providerId || null, method, actor });
    if (!result.ok && result.reason === "not_found") throw new Response("Not found", { status: 404 });
    if (!result.ok) return data({ form: "consent", errors: { providerId: "residents.errors.consentProvider" }, values }, { status: 400 });
    throw redirect(`/coordinator/residents/${residentId}?saved=consent`);
  }
  if (values.intent === "link-family") {
    if (!isFamilyRelation(values.relation)) return data({ form: `family-${values.relatedResidentId}`, errors: { relation: "family.errors.relation" }, values }, { status: 400 });
    const result = await linkFamily({ cusId, residentId, relatedResidentId: values.relatedResidentId ?? "", relation: values.relation, actor });
    if (!result.ok) return data({ form: `family-${values.relatedResidentId}`, errors: { relation: `family.errors.${result.reason}` }, values }, { status: 400 });
    throw redirect(`/coordinator/residents/${residentId}?saved=family`);
  }
  if (values.intent === "unlink-family") {
    const result = await unlinkFamily({ cusId, residentId, relatedResidentId: values.relatedResidentId ?? "", actor });
    if (!result.ok && result.reason === "on_plan") return data({ form: "unlink", errors: { form: "family.errors.on_plan" }, values }, { status: 409 });
    throw redirect(`/coordinator/residents/${residentId}?saved=family`);
  }
  if (values.intent === "withdraw-consent") {
    await withdrawConsent({ cusId, consentId: values.consentId ?? "", actor });
    throw redirect(`/coordinator/residents/${residentId}?saved=consent`);
  }
  if (values.intent === "decide") {
    const outcome = values.outcome === "information" || values.outcome === "single_service" || values.outcome === "declined" ? values.outcome : null;
    if (!outcome) return data({ form: `decide-${values.applicationId}`, errors: { outcome: "residents.errors.outcome" }, values }, { status: 400 });
    const result = await decideApplication({ cusId, applicationId: values.applicationId ?? "", outcome, declineReason: values.declineReason || null, actor });
    if (!result.ok && result.reason === "not_found") throw new Response("Not found", { status: 404 });
    if (!result.ok) return data({ form: `decide-${values.applicationId}`, errors: { declineReason: `residents.errors.${result.reason}` }, values }, { status: 400 });
    throw redirect(`/coordinator/residents/${residentId}?saved=decision`);
  }
  if (values.intent === "application") {
    const parsed = applicationSchema.safeParse(values);
    if (!parsed.success) return data({ form: "application", errors: fieldErrors(parsed.error), values }, { status: 400 });
    const result = await recordApplication({ cusId, residentId, ...parsed.data, actor });
    if (!result.ok) throw new Response("Not found", { status: 404 });
    throw redirect(`/coordinator/residents/${residentId}?saved=application`);
  }
  const parsed = planFormSchema.safeParse({ previousPlanId: "", ...values });
  if (!parsed.success) return data({ form: "plan", errors: fieldErrors(parsed.error), values }, { status: 400 });
  const result = await createPlan({ cusId, residentId, applicationId: values.applicationId || null, content: parsed.data, actor });
  if (!result.ok) throw new Response("Not found", { status: 404 });
  throw redirect(`/coordinator/plans/${result.planId}`);
}

export default function ResidentRecord() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { form: string; errors: Record<string, string>; values: Record<string, string> } | undefined;
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const r = d.record;
  const state = (form: string) => (actionData?.form === form ? actionData : undefined);
  const err = (form: string, k: string) => {
    const key = state(form)?.errors[k];
    return key ? t(key as "plans.errors.period") : undefined;
  };
  const val = (form: string, k: string, fallback = "") => state(form)?.values[k] ?? fallback;
  return (
    <>
      <p>
        <Link to="/coordinator">{t("nav.home")}</Link>
      </p>
      <h1>
        {r.firstName} {r.lastName}
      </h1>
      {params.get("created") ? <Notice kind="success">{t("residents.created")}</Notice> : null}
      {params.get("saved") ? <Notice kind="success">{t(params.get("saved") === "decision" ? "residents.decisionSaved" : params.get("saved") === "consent" ? "residents.consentSaved" : params.get("saved") === "family" ? "family.saved" : "residents.applicationSaved")}</Notice> : null}
      <section className="panel" aria-labelledby="record-title">
        <h2 id="record-title">{t("residents.recordTitle")}</h2>
        <dl className="details">
          <dt>{t("residents.pesel")}</dt>
          <dd>{r.pesel ?? (r.documentNumber ? `${t("residents.documentNumber")}: ${r.documentNumber}` : "—")}</dd>
          <dt>{t("residents.birthDate")}</dt>
          <dd>{r.birthDate ? formatDate(r.birthDate, locale) : "—"}</dd>
          <dt>{t("home.address")}</dt>
          <dd>{[r.street, [r.postalCode, r.city].filter(Boolean).join(" ")].filter(Boolean).join(", ") || "—"}</dd>
          <dt>{t("provider.phone")}</dt>
          <dd>{r.phone ?? "—"}</dd>
          <dt>{t("residents.contactPreference")}</dt>
          <dd>{t(`residents.contact.${r.contactPreference}` as "residents.contact.phone")}</dd>
          <dt>{t("residents.accessNeeds")}</dt>
          <dd>{r.accessNeeds ?? "—"}</dd>
        </dl>
        <p className="muted">{t("residents.readAudited")}</p>
      </section>

      <section className="panel" aria-labelledby="family-title">
        <h2 id="family-title">{t("family.title")}</h2>
        {state("unlink") ? <Notice kind="error">{t("family.errors.on_plan")}</Notice> : null}
        {d.family.length === 0 ? <p>{t("family.none")}</p> : null}
        <ul className="plain-list">
          {d.family.map((f) => (
            <li key={f.residentId}>
              <Link to={`/coordinator/residents/${f.residentId}`}>{f.name}</Link> – {t(`family.relation.${f.relation}` as "family.relation.child")}
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="unlink-family" />
                <input type="hidden" name="relatedResidentId" value={f.residentId} />
                <button type="submit" className="button">
                  {t("family.unlink")}
                  <span className="visually-hidden">: {f.name}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <details open={!!d.familySearch || !!actionData?.form.startsWith("family-")}>
          <summary>{t("family.add")}</summary>
          <Form method="get" className="inline-form" role="search">
            <Field id="family-search" name="family" label={t("family.search")} hint={t("family.searchHint")} defaultValue={d.familySearch} />
            <button type="submit" className="button">
              {t("family.find")}
            </button>
          </Form>
          {d.familySearch && d.familyCandidates.length === 0 ? (
            <p>
              {t("family.notFound")} <Link to="/coordinator/residents/new">{t("family.registerNew")}</Link>
            </p>
          ) : null}
          <ul className="plain-list">
            {d.familyCandidates.map((c) => (
              <li key={c.id}>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="link-family" />
                  <input type="hidden" name="relatedResidentId" value={c.id} />
                  <SelectField
                    id={`relation-${c.id}`}
                    name="relation"
                    label={t("family.relationOf", { name: c.name, resident: r.firstName })}
                    defaultValue={val(`family-${c.id}`, "relation", "child")}
                    error={err(`family-${c.id}`, "relation")}
                    options={familyRelations.map((rel) => ({ value: rel, label: t(`family.relation.${rel}` as "family.relation.child") }))}
                  />
                  <button type="submit" className="button">
                    {t("family.link")}
                    <span className="visually-hidden">: {c.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </details>
      </section>

      <section className="panel" aria-labelledby="consents-title">
        <h2 id="consents-title">{t("residents.consents")}</h2>
        {d.consents.length === 0 ? <p>{t("residents.noConsents")}</p> : null}
        <ul className="plain-list">
          {d.consents.map((c) => (
            <li key={c.id}>
              <strong>{t(`residents.consentPurpose.${c.purpose}` as "residents.consentPurpose.services")}</strong>
              {c.providerName ? ` – ${c.providerName}` : ""} · {t(`residents.consentMethod.${c.method}` as "residents.consentMethod.paper")} · {formatDate(c.givenAt, locale)}
              {c.withdrawnAt ? (
                <strong> · {t("residents.withdrawn", { date: formatDate(c.withdrawnAt, locale) })}</strong>
              ) : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="withdraw-consent" />
                  <input type="hidden" name="consentId" value={c.id} />
                  <button type="submit" className="button">
                    {t("residents.withdraw")}
                    <span className="visually-hidden">: {t(`residents.consentPurpose.${c.purpose}` as "residents.consentPurpose.services")}</span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        <details open={!!state("consent")}>
          <summary>{t("residents.recordConsent")}</summary>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="consent" />
            <div className="grid-fields">
              <SelectField name="purpose" label={t("residents.consentPurposeLabel")} defaultValue={val("consent", "purpose", "services")} error={err("consent", "purpose")} options={consentPurposes.map((p) => ({ value: p, label: t(`residents.consentPurpose.${p}` as "residents.consentPurpose.services") }))} />
              <SelectField name="providerId" label={t("residents.consentProvider")} defaultValue={val("consent", "providerId")} error={err("consent", "providerId")} options={[{ value: "", label: "—" }, ...d.providers]} />
              <SelectField name="method" label={t("residents.consentMethodLabel")} defaultValue={val("consent", "method", "paper")} options={consentMethods.map((m) => ({ value: m, label: t(`residents.consentMethod.${m}` as "residents.consentMethod.paper") }))} />
            </div>
            <button type="submit" className="button">
              {t("residents.saveConsent")}
            </button>
          </Form>
        </details>
      </section>

      <section className="panel" aria-labelledby="applications-title">
        <h2 id="applications-title">{t("residents.applications")}</h2>
        {d.applications.length === 0 ? <p>{t("residents.noApplications")}</p> : null}
        <ul className="plain-list">
          {d.applications.map((a) => (
            <li key={a.id}>
              <strong>{formatDate(a.receivedOn, locale)}</strong> – {t(`residents.applicant.${a.applicantKind}` as "residents.applicant.resident")}
              {a.applicantName ? ` (${a.applicantName})` : ""}: {a.needs}
              <div className="muted">
                {t(`residents.outcome.${a.outcome}` as "residents.outcome.pending")}
                {a.outcome === "pending" ? ` · ${t("residents.planDue", { date: formatDate(a.planDueOn, locale) })}` : ""}
                {a.declineReason ? ` · ${a.declineReason}` : ""}
              </div>
              {a.outcome === "pending" ? (
                <details open={!!state(`decide-${a.id}`)}>
                  <summary>{t("residents.decide")}</summary>
                  <Form method="post" noValidate className="inline-form">
                    <input type="hidden" name="intent" value="decide" />
                    <input type="hidden" name="applicationId" value={a.id} />
                    <SelectField id={`outcome-${a.id}`} name="outcome" label={t("residents.outcomeLabel")} defaultValue={val(`decide-${a.id}`, "outcome", "information")} error={err(`decide-${a.id}`, "outcome")} options={["information", "single_service", "declined"].map((o) => ({ value: o, label: t(`residents.outcome.${o}` as "residents.outcome.pending") }))} />
                    <Field id={`decline-${a.id}`} name="declineReason" label={t("residents.declineReason")} defaultValue={val(`decide-${a.id}`, "declineReason")} error={err(`decide-${a.id}`, "declineReason")} />
                    <button type="submit" className="button">
                      {t("residents.saveDecision")}
                    </button>
                  </Form>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
        <details open={!!state("application")}>
          <summary>{t("residents.newApplication")}</summary>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="application" />
            <div className="grid-fields">
              <SelectField name="applicantKind" label={t("residents.applicantKind")} defaultValue={val("application", "applicantKind", "resident")} options={["resident", "family", "social_worker", "institution", "other"].map((k) => ({ value: k, label: t(`residents.applicant.${k}` as "residents.applicant.resident") }))} />
              <Field name="applicantName" label={t("residents.applicantName")} defaultValue={val("application", "applicantName")} />
              <Field name="receivedOn" type="date" label={t("residents.receivedOn")} defaultValue={val("application", "receivedOn", d.today)} error={err("application", "receivedOn")} required />
            </div>
            <TextArea name="needs" label={t("residents.needs")} value={val("application", "needs")} error={err("application", "needs")} />
            <button type="submit" className="button button--primary">
              {t("residents.saveApplication")}
            </button>
          </Form>
        </details>
      </section>

      <section className="panel" aria-labelledby="plans-title">
        <h2 id="plans-title">{t("plans.title")}</h2>
        {d.plans.length === 0 ? <p>{t("plans.none")}</p> : null}
        <ul className="plain-list">
          {d.plans.map((p) => (
            <li key={p.id}>
              <Link to={`/coordinator/plans/${p.id}`}>
                {t("plans.period", { from: formatDate(p.validFrom, locale), to: formatDate(p.validTo, locale) })}
              </Link>{" "}
              – {t(`plans.status.${p.status}` as "plans.status.draft")}
              {p.isFamilyPlan ? ` · ${p.ownerName ? t("plans.memberOf", { name: p.ownerName }) : t("plans.family")}` : ""}
            </li>
          ))}
        </ul>
        <h3>{t("plans.new")}</h3>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="plan" />
          {d.applications[0] ? <input type="hidden" name="applicationId" value={d.applications[0].id} /> : null}
          <div className="grid-fields">
            <Field id="plan-validFrom" name="validFrom" type="date" label={t("plans.validFrom")} defaultValue={val("plan", "validFrom", d.today)} error={err("plan", "validFrom")} required />
            <Field id="plan-validTo" name="validTo" type="date" label={t("plans.validTo")} hint={t("plans.periodHint")} defaultValue={val("plan", "validTo", d.defaultEnd)} error={err("plan", "validTo")} required />
          </div>
          {d.plans.length ? (
            <SelectField
              id="plan-previous"
              name="previousPlanId"
              label={t("plans.previous")}
              defaultValue={val("plan", "previousPlanId")}
              error={err("plan", "previousPlanId")}
              options={[{ value: "", label: t("plans.noPrevious") }, ...d.plans.filter((p) => !p.ownerName).map((p) => ({ value: p.id, label: t("plans.period", { from: formatDate(p.validFrom, locale), to: formatDate(p.validTo, locale) }) }))]}
            />
          ) : null}
          <label className="checkbox-line">
            <input type="checkbox" name="isFamilyPlan" defaultChecked={val("plan", "isFamilyPlan") === "on"} /> {t("plans.family")}
          </label>
          <button type="submit" className="button button--primary">
            {t("plans.create")}
          </button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="bookings-title">
        <h2 id="bookings-title">{t("booking.title")}</h2>
        {d.bookings.length === 0 ? (
          <p>{t("booking.none")}</p>
        ) : (
          <ul className="plain-list">
            {d.bookings.map((b) => (
              <li key={b.id}>
                <strong>{formatDateTime(b.startsAt, locale)}</strong> – {b.offerName} ({b.providerName ?? t("catalogue.centreOwn")}) · {t(`booking.status.${b.status}` as "booking.status.active")}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
