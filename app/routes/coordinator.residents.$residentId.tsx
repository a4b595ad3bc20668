import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { visitStatus } from "~/modules/booking/visit-status";
import { z } from "zod";
import { Field, SelectField, TextArea } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { listResidentBookings } from "~/modules/booking/queries.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { planFormSchema, planPeriodLimits } from "~/modules/plans/plan-form";
import { createPlan, decideApplication, listApplications, listResidentPlans, recordApplication } from "~/modules/plans/plans.server";
import { consentMethods, consentPurposes } from "~/modules/plans/consents";
import { giveConsent, listConsents, listResidents, readResidentRecord, withdrawConsent } from "~/modules/plans/residents.server";
import { familyRelations } from "~/modules/plans/family";
import { linkFamily, listFamily, unlinkFamily } from "~/modules/plans/family.server";
import { listCentreProviders } from "~/modules/directory/centres.server";
import { formatDate, formatDateTime, formatMoney } from "~/utils/format";
import { payerBalance } from "~/modules/billing/statements.server";
import { useRefusal } from "~/components/refusal";
import { clock } from "~/modules/kernel/clock.server";
import { warsawDate } from "~/modules/kernel/dates";
import { notFound, readForm, readParams, readQuery, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { choice, date, id, intents, optionalId, optionalText, text } from "~/modules/kernel/input";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { actorFrom } from "~/modules/kernel/actor";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "residents.recordTitle");

const RecordParams = z.object({ residentId: id() });
const RecordQuery = z.object({ family: z.string().trim().max(200).catch("").default("") });

const applicationFields = z.object({
  applicantKind: choice(["resident", "family", "social_worker", "institution", "other"]),
  applicantName: optionalText({ max: 200 }),
  needs: text({ min: 10, max: 4000, message: "residents.errors.needs" }),
  // An application is received today or was received in the past, never decades ago.
  receivedOn: date({ min: "2000-01-01", max: "2100-12-31", message: "plans.errors.date" }),
});

/** Everything the resident's record page can change: consents, family, applications and their outcome, a new plan. */
const RecordAction = intents([
  z.object({ intent: z.literal("consent"), purpose: choice(consentPurposes, { message: "residents.errors.consent" }), method: choice(consentMethods, { message: "residents.errors.consent" }), providerId: optionalId({ message: "residents.errors.consentProvider" }) }),
  z.object({ intent: z.literal("withdraw-consent"), consentId: id() }),
  z.object({ intent: z.literal("link-family"), relatedResidentId: id(), relation: choice(familyRelations, { message: "family.errors.relation" }) }),
  z.object({ intent: z.literal("unlink-family"), relatedResidentId: id() }),
  z.object({ intent: z.literal("decide"), applicationId: id(), outcome: choice(["information", "single_service", "declined"], { message: "residents.errors.outcome" }), declineReason: optionalText({ max: 1000 }) }),
  applicationFields.extend({ intent: z.literal("application") }),
  planFormSchema.extend({ intent: z.literal("plan"), applicationId: optionalId() }),
]);

/** Which form on the page a refusal belongs to: per family candidate, per application, or by intent. */
function formOf(values: Record<string, unknown>): string {
  if (values.intent === "link-family") return `family-${String(values.relatedResidentId)}`;
  if (values.intent === "decide") return `decide-${String(values.applicationId)}`;
  if (values.intent === "unlink-family") return "unlink";
  return typeof values.intent === "string" ? values.intent : "plan";
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "plans.manage");
  const cusId = requireCentreId(access);
  const { residentId } = readParams(params, RecordParams);
  const record = await readResidentRecord(cusId, residentId, actorFrom(access, context));
  if (!record) throw notFound();
  const familySearch = readQuery(request, RecordQuery).data.family;
  const [applicationRows, planRows, bookingRows, consentRows, providers, family, found, balance] = await Promise.all([
    listApplications(cusId, record.id),
    listResidentPlans(record.id),
    listResidentBookings(record.id),
    listConsents(cusId, record.id),
    listCentreProviders(cusId),
    listFamily(cusId, record.id),
    familySearch ? listResidents(cusId, { search: familySearch }) : Promise.resolve([]),
    payerBalance(cusId, record.id),
  ]);
  const linked = new Set(family.map((f) => f.residentId));
  const today = warsawDate(clock.now());
  return {
    record,
    balance,
    today,
    defaultEnd: planPeriodLimits(today).latestEnd,
    applications: applicationRows.map((a) => ({ ...a, createdAt: a.createdAt.toISOString(), decidedAt: a.decidedAt?.toISOString() ?? null })),
    plans: planRows.map((p) => ({ id: p.id, status: p.status, validFrom: p.validFrom, validTo: p.validTo, isFamilyPlan: p.isFamilyPlan, ownerName: p.residentId === record.id ? null : `${p.firstName} ${p.lastName}` })),
    family: family.map((f) => ({ residentId: f.residentId, name: `${f.firstName} ${f.lastName}`, relation: f.relation, birthDate: f.birthDate })),
    familySearch,
    familyCandidates: found.filter((c) => c.id !== record.id && !linked.has(c.id)).map((c) => ({ id: c.id, name: `${c.firstName} ${c.lastName}`, gmina: c.gminaName })),
    consents: consentRows.map(({ consent, providerName }) => ({ id: consent.id, purpose: consent.purpose, method: consent.method, providerName, givenAt: consent.givenAt.toISOString(), withdrawnAt: consent.withdrawnAt?.toISOString() ?? null })),
    providers: providers.filter((p) => p.status === "verified").map((p) => ({ value: p.id, label: p.name })),
    bookings: bookingRows.map((b) => ({ ...b, visit: visitStatus(b, clock.now()), startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString() })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "plans.manage");
  const cusId = requireCentreId(access);
  const actor = actorFrom(access, context);
  const { residentId } = readParams(params, RecordParams);
  const form = await readForm(request, RecordAction);
  if (!form.ok) return refuseInput(form, formOf(form.values));
  const input = form.data;
  const refused = (errors: Record<string, string>, status: 400 | 409 = 400) => refuse(formOf(form.values), errors, form.values, status);
  const saved = (what: "decision" | "consent" | "family" | "application") =>
    done(request, { kind: "success", message: { decision: "residents.decisionSaved", consent: "residents.consentSaved", family: "family.saved", application: "residents.applicationSaved" }[what] }, `/coordinator/residents/${residentId}`);
  switch (input.intent) {
    case "consent": {
      const result = await giveConsent({ cusId, residentId, purpose: input.purpose, providerId: input.providerId, method: input.method, actor });
      if (!result.ok && result.reason === "not_found") throw notFound();
      if (!result.ok) return refused({ providerId: result.reason === "provider_not_partner" ? "residents.errors.consentPartner" : "residents.errors.consentProvider" });
      return saved("consent");
    }
    case "withdraw-consent": {
      const result = await withdrawConsent({ cusId, consentId: input.consentId, actor });
      if (!result.ok) return refused({ form: "residents.errors.consentGone" }, 409);
      return saved("consent");
    }
    case "link-family": {
      const result = await linkFamily({ cusId, residentId, relatedResidentId: input.relatedResidentId, relation: input.relation, actor });
      if (!result.ok) return refused({ relation: `family.errors.${result.reason}` });
      return saved("family");
    }
    case "unlink-family": {
      const result = await unlinkFamily({ cusId, residentId, relatedResidentId: input.relatedResidentId, actor });
      if (!result.ok && result.reason === "on_plan") return refused({ form: "family.errors.on_plan" }, 409);
      if (!result.ok) throw notFound();
      return saved("family");
    }
    case "decide": {
      const result = await decideApplication({ cusId, applicationId: input.applicationId, outcome: input.outcome, declineReason: input.declineReason, actor });
      if (!result.ok && result.reason === "not_found") throw notFound();
      if (!result.ok) return refused({ declineReason: `residents.errors.${result.reason}` });
      return saved("decision");
    }
    case "application": {
      const result = await recordApplication({ cusId, residentId, applicantKind: input.applicantKind, applicantName: input.applicantName, needs: input.needs, receivedOn: input.receivedOn, actor });
      if (!result.ok) throw notFound();
      return saved("application");
    }
    case "plan": {
      const { applicationId, intent: _intent, ...content } = input;
      const result = await createPlan({ cusId, residentId, applicationId, content, actor });
      if (!result.ok && result.reason === "not_found") throw notFound();
      if (!result.ok) return refused(result.reason === "previous" ? { previousPlanId: "plans.errors.previous" } : { form: "residents.errors.application" });
      throw redirect(`/coordinator/plans/${result.planId}`);
    }
  }
}

export default function ResidentRecord() {
  const d = useLoaderData<typeof loader>();
  const refusal = useRefusal();
  const t = useT();
  const locale = useLocale();
  const r = d.record;
  const state = refusal.of;
  const err = refusal.error;
  const val = refusal.value;
  return (
    <>
      <p>
        <Link to="/coordinator">{t("nav.home")}</Link>
      </p>
      <h1>
        {r.firstName} {r.lastName}
      </h1>
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
          <dt>{t("relief.balance")}</dt>
          <dd>
            {d.balance.owedGrosze > 0 ? t("relief.balanceOwes", { amount: formatMoney(d.balance.owedGrosze, locale) }) : t("relief.balanceZero")}
            {d.balance.creditGrosze > 0 ? ` · ${t("relief.balanceCredit", { amount: formatMoney(d.balance.creditGrosze, locale) })}` : ""} ·{" "}
            <Link to={`/residents/${r.id}/copayments`}>{t("relief.open")}</Link>
          </dd>
        </dl>
        <p className="muted">{t("residents.readAudited")}</p>
      </section>

      <section className="panel" aria-labelledby="family-title">
        <h2 id="family-title">{t("family.title")}</h2>
        {state("unlink") ? <Feedback kind="error">{t("family.errors.on_plan")}</Feedback> : null}
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
        <details open={!!d.familySearch || !!refusal.refusal?.form.startsWith("family-")}>
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
        {err("withdraw-consent", "form") ? <Feedback kind="error">{err("withdraw-consent", "form")}</Feedback> : null}
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
                <strong>{formatDateTime(b.startsAt, locale)}</strong> – {b.offerName} ({b.providerName ?? t("catalogue.centreOwn")}) · {t(`booking.visitStatus.${b.visit}`)}
                {b.visit === "cancelled" && b.cancelReason ? ` · ${t("booking.cancelledBecause", { reason: b.cancelReason })}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
