import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { errorText, useRefusal } from "~/components/refusal";
import { forbidden, notFound, readForm, readParams, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { id, intents, optionalText } from "~/modules/kernel/input";
import { Field, SelectField, TextArea } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { Notice } from "~/components/Notice";
import { planItemProgress } from "~/modules/booking/queries.server";
import { listCentreOfferNames } from "~/modules/directory/offers.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { can } from "~/modules/identity/permissions";
import { goalSchema, planItemSchema } from "~/modules/plans/plan-form";
import { listFamily } from "~/modules/plans/family.server";
import { addGoal, addPlanItem, addPlanMember, approvePlan, changePlanStatus, readPlan, removePlanItem, removePlanMember } from "~/modules/plans/plans.server";
import { appUrl } from "~/utils/env.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { CopayPreviewPanel } from "~/components/billing/CopayPreview";
import { previewCopay } from "~/modules/billing/preview.server";
import { clock } from "~/modules/kernel/clock.server";
import { warsawDate } from "~/modules/kernel/dates";
import { actorFrom } from "~/modules/kernel/actor";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "plans.editorTitle");

const PlanParams = z.object({ planId: id() });
const changeReason = optionalText({ max: 1000 });

/** The plan editor's forms: goals, services, people on a family plan, approval and the plan's course. */
const PlanAction = intents([
  z.object({ intent: z.literal("approve") }),
  goalSchema.extend({ intent: z.literal("goal"), reason: changeReason }),
  planItemSchema.extend({ intent: z.literal("item"), reason: changeReason }),
  z.object({ intent: z.literal("add-member"), residentId: id({ message: "plans.errors.member" }), reason: changeReason }),
  z.object({ intent: z.literal("remove-member"), residentId: id(), reason: changeReason }),
  z.object({ intent: z.literal("remove-item"), itemId: id(), reason: changeReason }),
  z.object({ intent: z.literal("activate"), summary: optionalText({ max: 4000 }) }),
  z.object({ intent: z.literal("complete"), summary: optionalText({ max: 4000 }) }),
  z.object({ intent: z.literal("terminate"), summary: optionalText({ max: 4000 }) }),
]);

/** The form on the page a refusal is shown next to. */
function formOf(values: Record<string, unknown>): string {
  switch (values.intent) {
    case "add-member":
      return "member";
    case "remove-member":
      return `member-${String(values.residentId)}`;
    case "remove-item":
      return `remove-${String(values.itemId)}`;
    case "activate":
    case "complete":
    case "terminate":
      return "status";
    case "goal":
    case "approve":
      return values.intent;
    default:
      return "item";
  }
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "plans.read");
  const cusId = requireCentreId(access);
  const { planId } = readParams(params, PlanParams);
  const found = await readPlan(cusId, planId, { actor: actorFrom(access, context), action: "plan.read" });
  if (!found) throw notFound();
  const [offers, progress, family, copay] = await Promise.all([
    listCentreOfferNames(cusId),
    planItemProgress(found.plan.id),
    found.plan.isFamilyPlan ? listFamily(cusId, found.resident.id) : [],
    previewCopay({ cusId, residentId: found.plan.residentId, items: found.items, day: warsawDate(clock.now()) }),
  ]);
  const memberIds = new Set(found.members.map((m) => m.residentId));
  const progressOf = new Map(progress.map((p) => [p.planItemId, p]));
  const role = access.membership.role;
  return {
    plan: { ...found.plan, approvedAt: found.plan.approvedAt?.toISOString() ?? null, createdAt: found.plan.createdAt.toISOString(), closedAt: null },
    resident: { id: found.resident.id, name: `${found.resident.firstName} ${found.resident.lastName}` },
    members: found.members,
    family: family.filter((f) => !memberIds.has(f.residentId)).map((f) => ({ residentId: f.residentId, name: `${f.firstName} ${f.lastName}`, relation: f.relation })),
    goals: found.goals.map((g) => ({ id: g.id, description: g.description, criteria: g.criteria })),
    items: found.items.map((i) => ({
      id: i.id,
      offerName: i.offerName,
      unit: i.unit,
      providerName: i.providerName,
      locationName: i.locationName,
      units: i.units,
      frequency: i.frequency,
      validFrom: i.validFrom,
      validTo: i.validTo,
      progress: progressOf.get(i.id) ?? { upcoming: 0, delivered: 0, noShows: 0 },
    })),
    versions: found.versions.map((v) => ({ id: v.id, number: v.number, reason: v.reason, createdAt: v.createdAt.toISOString() })),
    offers,
    copay,
    canEdit: can(role, "plans.manage"),
    canApprove: can(role, "plans.approve"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "plans.read");
  const cusId = requireCentreId(access);
  const { planId } = readParams(params, PlanParams);
  const form = await readForm(request, PlanAction);
  if (!form.ok) return refuseInput(form, formOf(form.values));
  const input = form.data;
  const actor = actorFrom(access, context);
  const refused = (errors: Record<string, string>, status: 400 | 409 = 400) => refuse(formOf(form.values), errors, form.values, status);
  const saved = (what: string, params?: Record<string, number>) => done(request, { kind: "success", message: `plans.saved.${what}`, params }, `/coordinator/plans/${planId}`);
  // Approving is the director's (or an authorised organiser's); every other change is the coordinator's.
  if (!can(access.membership.role, input.intent === "approve" ? "plans.approve" : "plans.manage")) throw forbidden();
  switch (input.intent) {
    case "approve": {
      const result = await approvePlan({ cusId, planId, actor, baseUrl: appUrl(request) });
      if (!result.ok && result.reason === "not_found") throw notFound();
      if (!result.ok) return refused({ form: `plans.errors.${result.reason}` }, 409);
      return saved("approved");
    }
    case "goal": {
      const result = await addGoal({ cusId, planId, goal: { description: input.description, criteria: input.criteria }, reason: input.reason, actor });
      if (!result.ok && result.reason === "not_found") throw notFound();
      if (!result.ok) return refused(changeError(result.reason));
      return saved("goal");
    }
    case "add-member":
    case "remove-member": {
      const change = { cusId, planId, residentId: input.residentId, reason: input.reason, actor };
      const result = input.intent === "add-member" ? await addPlanMember(change) : await removePlanMember(change);
      if (!result.ok && result.reason === "not_found") throw notFound();
      if (!result.ok) return refused(result.reason === "reason_required" || result.reason === "closed" ? changeError(result.reason) : { residentId: `plans.errors.${result.reason}` });
      return saved("members");
    }
    case "remove-item": {
      const result = await removePlanItem({ cusId, planId, itemId: input.itemId, reason: input.reason, actor });
      if (!result.ok && result.reason === "not_found") throw notFound();
      if (!result.ok) return refused(changeError(result.reason));
      return saved("removed", { visits: result.cancelledVisits });
    }
    case "activate":
    case "complete":
    case "terminate": {
      const to = input.intent === "activate" ? "active" : input.intent === "complete" ? "completed" : "terminated";
      const result = await changePlanStatus({ cusId, planId, to, summary: input.summary, actor });
      if (!result.ok && result.reason === "not_found") throw notFound();
      if (!result.ok) return refused({ summary: `plans.errors.${result.reason}` });
      return saved(to);
    }
    case "item": {
      const { intent: _intent, reason, ...item } = input;
      const result = await addPlanItem({ cusId, planId, item, reason, actor });
      if (!result.ok) {
        if (result.reason === "not_found") throw notFound();
        const errors =
          typeof result.reason === "object"
            ? { units: `plans.errors.limit:${result.reason.limit}` }
            : result.reason === "outside_plan"
              ? { validFrom: "plans.errors.outsidePlan" }
              : result.reason === "offer"
                ? { offerId: "plans.errors.offer" }
                : changeError(result.reason);
        return refused(errors);
      }
      return saved("item");
    }
  }
}

/** Where a refused change shows its message: a missing reason under the reason field, the rest on top. */
function changeError(reason: string): Record<string, string> {
  return reason === "reason_required" ? { reason: "plans.errors.reason" } : { form: "plans.errors.closed" };
}

export default function PlanEditor() {
  const d = useLoaderData<typeof loader>();
  const refusal = useRefusal();
  // Forms remount after each saved change, so a saved goal or service does not stay typed in the form.
  const { key: formKey } = useLocation();
  const t = useT();
  const locale = useLocale();
  const state = refusal.of;
  const err = refusal.error;
  const val = refusal.value;
  const editable = d.canEdit && (d.plan.status === "draft" || d.plan.status === "approved" || d.plan.status === "active");
  const bookable = d.plan.status === "approved" || d.plan.status === "active";
  // Changing an approved or active plan keeps the old content as a version, with the reason asked here.
  const modifying = bookable;
  const reasonField = (form: string) =>
    modifying ? <Field id={`${form}-reason`} name="reason" label={t("plans.modificationReason")} hint={t("plans.modificationHint")} defaultValue={val(form, "reason")} error={err(form, "reason")} required /> : null;
  // Taking something out of the plan: a disclosure with the reason (on an approved plan) and a danger button.
  const removal = (r: { form: string; intent: string; idName: string; id: string; what: string; label: string; confirm: string; warning?: string }) => (
    <details open={!!state(r.form)}>
      <summary>
        {r.label}
        <span className="visually-hidden">: {r.what}</span>
      </summary>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value={r.intent} />
        <input type="hidden" name={r.idName} value={r.id} />
        {r.warning ? <p className="muted">{r.warning}</p> : null}
        {reasonField(r.form)}
        <button type="submit" className="button button--danger">
          {r.confirm}
        </button>
      </Form>
    </details>
  );
  return (
    <>
      <p>
        <Link to={d.canEdit ? `/coordinator/residents/${d.resident.id}` : "/centre"}>{d.canEdit ? d.resident.name : t("nav.home")}</Link>
      </p>
      <h1>{t("plans.editorHeading", { name: d.resident.name })}</h1>
      <p className="lead">
        {t("plans.period", { from: formatDate(d.plan.validFrom, locale), to: formatDate(d.plan.validTo, locale) })} · {t(`plans.status.${d.plan.status}` as "plans.status.draft")} · {t("plans.version", { number: d.plan.version })}
      </p>
      {d.plan.firstReviewOn ? <p>{t("plans.firstReview", { date: formatDate(d.plan.firstReviewOn, locale) })}</p> : null}
      {d.plan.previousPlanId ? (
        <p>
          <Link to={`/coordinator/plans/${d.plan.previousPlanId}`}>{t("plans.followsOn")}</Link>
        </p>
      ) : null}
      {refusal.refusal?.errors.form ? (
        <Feedback kind="error" focusKey={refusal.refusal}>
          {errorText(t, refusal.refusal.errors.form)}
        </Feedback>
      ) : null}
      {modifying && editable ? <Notice kind="info">{t("plans.modificationIntro")}</Notice> : null}

      {d.plan.isFamilyPlan ? (
        <section className="panel" aria-labelledby="members-title">
          <h2 id="members-title">{t("plans.familyMembers")}</h2>
          <p>{t("plans.familyIntro", { name: d.resident.name })}</p>
          {d.members.length === 0 ? <p>{t("plans.noMembers")}</p> : null}
          <ul className="plain-list">
            {d.members.map((m) => (
              <li key={m.residentId}>
                <Link to={`/coordinator/residents/${m.residentId}`}>{m.name}</Link>
                {editable
                  ? removal({ form: `member-${m.residentId}`, intent: "remove-member", idName: "residentId", id: m.residentId, what: m.name, label: t("plans.removeMember"), confirm: t("plans.removeMember") })
                  : null}
              </li>
            ))}
          </ul>
          {editable && d.family.length ? (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="add-member" />
              <SelectField
                id="member-residentId"
                name="residentId"
                label={t("plans.addMember")}
                defaultValue={val("member", "residentId")}
                error={err("member", "residentId")}
                options={d.family.map((f) => ({ value: f.residentId, label: `${f.name} (${t(`family.relation.${f.relation}` as "family.relation.child")})` }))}
              />
              {reasonField("member")}
              <button type="submit" className="button">
                {t("plans.addMember")}
              </button>
            </Form>
          ) : null}
          {editable && d.family.length === 0 ? <p className="muted">{t("plans.noFamilyToAdd")}</p> : null}
        </section>
      ) : null}

      <section className="panel" aria-labelledby="goals-title">
        <h2 id="goals-title">{t("plans.goals")}</h2>
        {d.goals.length === 0 ? <p>{t("plans.noGoals")}</p> : null}
        <ol>
          {d.goals.map((g) => (
            <li key={g.id}>
              {g.description}
              <div className="muted">
                {t("plans.criteria")}: {g.criteria}
              </div>
            </li>
          ))}
        </ol>
        {editable ? (
          <Form method="post" noValidate key={formKey}>
            <input type="hidden" name="intent" value="goal" />
            <TextArea id="goal-description" name="description" label={t("plans.goal")} value={val("goal", "description")} error={err("goal", "description")} />
            <TextArea id="goal-criteria" name="criteria" label={t("plans.criteria")} value={val("goal", "criteria")} error={err("goal", "criteria")} />
            {reasonField("goal")}
            <button type="submit" className="button">
              {t("plans.addGoal")}
            </button>
          </Form>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="items-title">
        <h2 id="items-title">{t("plans.items")}</h2>
        {d.items.length === 0 ? (
          <p>{t("plans.noItems")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("plans.items")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("plans.service")}</th>
                  <th scope="col">{t("calendar.provider")}</th>
                  <th scope="col">{t("plans.amount")}</th>
                  <th scope="col">{t("plans.dates")}</th>
                  {editable ? (
                    <th scope="col">
                      <span className="visually-hidden">{t("availability.actions")}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {d.items.map((i) => (
                  <tr key={i.id}>
                    <td>
                      {i.offerName}
                      {i.locationName ? <div className="muted">{i.locationName}</div> : null}
                    </td>
                    <td>{i.providerName ?? t("catalogue.centreOwn")}</td>
                    <td>
                      {i.units} × {t(`units.${i.unit}`)}, {i.frequency}
                      <div className="muted">{t("plans.progress", { delivered: i.progress.delivered, upcoming: i.progress.upcoming, noShows: i.progress.noShows })}</div>
                    </td>
                    <td>
                      {formatDate(i.validFrom, locale)} – {formatDate(i.validTo, locale)}
                    </td>
                    {editable ? (
                      <td>
                        {bookable ? (
                          <Link className="button" to={`/coordinator/book/${i.id}`}>
                            {t("booking.book")}
                            <span className="visually-hidden">: {i.offerName}</span>
                          </Link>
                        ) : null}
                        {removal({
                          form: `remove-${i.id}`,
                          intent: "remove-item",
                          idName: "itemId",
                          id: i.id,
                          what: i.offerName,
                          label: t("plans.removeItem"),
                          confirm: t("plans.removeItemConfirm"),
                          warning: i.progress.upcoming > 0 ? t("plans.removeCancels", { count: i.progress.upcoming }) : undefined,
                        })}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {editable ? (
          <details open={!!state("item") || d.items.length === 0}>
            <summary>{t("plans.addItem")}</summary>
            <Form method="post" noValidate key={formKey}>
              <input type="hidden" name="intent" value="item" />
              <SelectField name="offerId" label={t("plans.service")} defaultValue={val("item", "offerId")} error={err("item", "offerId")} options={[{ value: "", label: "—" }, ...d.offers.map((o) => ({ value: o.id, label: o.name }))]} />
              <div className="grid-fields">
                <Field name="units" type="number" inputMode="numeric" min={1} label={t("plans.units")} defaultValue={val("item", "units")} error={err("item", "units")} required />
                <Field name="frequency" label={t("plans.frequency")} hint={t("plans.frequencyHint")} defaultValue={val("item", "frequency")} error={err("item", "frequency")} required />
                <Field id="item-validFrom" name="validFrom" type="date" label={t("plans.itemFrom")} defaultValue={val("item", "validFrom", d.plan.validFrom)} error={err("item", "validFrom")} required />
                <Field id="item-validTo" name="validTo" type="date" label={t("plans.itemTo")} defaultValue={val("item", "validTo", d.plan.validTo)} error={err("item", "validTo")} required />
              </div>
              {reasonField("item")}
              <button type="submit" className="button button--primary">
                {t("plans.addItem")}
              </button>
            </Form>
          </details>
        ) : null}
      </section>

      {d.canApprove && d.plan.status === "draft" ? (
        <Form method="post" className="panel">
          <p>{t("plans.approveIntro")}</p>
          <button type="submit" name="intent" value="approve" className="button button--primary">
            {t("plans.approve")}
          </button>
        </Form>
      ) : null}

      <CopayPreviewPanel preview={d.copay} />

      {d.plan.closingSummary ? (
        <section className="panel" aria-labelledby="summary-title">
          <h2 id="summary-title">{t("plans.closingSummary")}</h2>
          <p>{d.plan.closingSummary}</p>
        </section>
      ) : null}
      {d.canEdit && (d.plan.status === "approved" || d.plan.status === "active") ? (
        <section className="panel" aria-labelledby="status-title">
          <h2 id="status-title">{t("plans.statusTitle")}</h2>
          {d.plan.status === "approved" ? (
            <Form method="post" className="button-row">
              <p>{t("plans.activateIntro")}</p>
              <button type="submit" name="intent" value="activate" className="button button--primary">
                {t("plans.activate")}
              </button>
            </Form>
          ) : null}
          <Form method="post" noValidate>
            <TextArea id="plan-summary" name="summary" label={t("plans.closingSummary")} value={val("status", "summary")} error={err("status", "summary")} />
            <div className="button-row">
              <button type="submit" name="intent" value="complete" className="button">
                {t("plans.complete")}
              </button>
              <button type="submit" name="intent" value="terminate" className="button button--danger">
                {t("plans.terminate")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      <p>
        <Link to={`/plans/${d.plan.id}/print`}>{t("plans.print")}</Link>
      </p>
      {d.versions.length ? (
        <section className="panel" aria-labelledby="versions-title">
          <h2 id="versions-title">{t("plans.versions")}</h2>
          <p>{t("plans.versionsIntro", { number: d.plan.version })}</p>
          <ul className="plain-list">
            {d.versions.map((v) => (
              <li key={v.id}>
                <Link to={`/coordinator/plans/${d.plan.id}/versions/${v.number}`}>{t("plans.version", { number: v.number })}</Link> – {t("plans.changedBecause", { reason: v.reason })} ({formatDateTime(v.createdAt, locale)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
