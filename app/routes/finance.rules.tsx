import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { reliefKinds } from "~/modules/billing/values";
import { Field, SelectField } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { useRefusal } from "~/components/refusal";
import { ruleActionSchema } from "~/modules/billing/rule-form";
import { addRuleVersion, createCopayRule, listCopayRules } from "~/modules/billing/rules.server";
import { listCentreOfferNames } from "~/modules/directory/offers.server";
import { listCentrePackages } from "~/modules/directory/programme.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { actorFrom } from "~/modules/kernel/actor";
import { readForm, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { withoutIntent } from "~/modules/kernel/input";
import { formatDate, formatMoney } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "copay.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "billing.rules");
  const cusId = requireCentreId(access);
  const [rules, offers, packages] = await Promise.all([listCopayRules(cusId), listCentreOfferNames(cusId), listCentrePackages(cusId)]);
  return {
    rules: rules.map((r) => ({ ...r, versions: r.versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })) })),
    offers,
    packages,
  };
}


export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "billing.rules");
  const cusId = requireCentreId(access);
  const form = await readForm(request, ruleActionSchema);
  const formOf = (v: Record<string, unknown>) => (v.intent === "version" ? `version-${String(v.ruleId)}` : "create");
  if (!form.ok) return refuseInput(form, formOf(form.values));
  const actor = actorFrom(access, context as { ip: string });
  const input = form.data;
  const reasons = { closed_month: { validFrom: "copay.closedMonth" }, duplicate_date: { validFrom: "copay.duplicateDate" }, scope: { form: "copay.scopeInvalid" }, not_found: { form: "copay.scopeInvalid" } } as const;
  if (input.intent === "create") {
    const result = await createCopayRule({ cusId, rule: withoutIntent(input), actor });
    if (!result.ok) return refuse("create", reasons[result.reason], form.values, 422);
    return done(request, { kind: "success", message: "copay.created" });
  }
  const result = await addRuleVersion({ cusId, version: withoutIntent(input), actor });
  if (!result.ok) return refuse(formOf(form.values), reasons[result.reason], form.values, 422);
  return done(request, { kind: "success", message: "copay.versionAdded" });
}

function VersionFields({ form, refusal }: { form: string; refusal: ReturnType<typeof useRefusal> }) {
  const t = useT();
  const v = (field: string, fallback = "") => refusal.value(form, field, fallback);
  const e = (field: string) => refusal.error(form, field);
  const idOf = (field: string) => `${form}-${field}`;
  return (
    <>
      <Field id={idOf("resolutionNumber")} name="resolutionNumber" label={t("copay.resolutionNumber")} defaultValue={v("resolutionNumber")} error={e("resolutionNumber")} />
      <Field id={idOf("resolutionDate")} name="resolutionDate" type="date" label={t("copay.resolutionDate")} defaultValue={v("resolutionDate")} error={e("resolutionDate")} />
      <Field id={idOf("validFrom")} name="validFrom" type="date" label={t("copay.validFrom")} defaultValue={v("validFrom")} error={e("validFrom")} />
      <SelectField id={idOf("method")} name="method" label={t("copay.method")} defaultValue={v("method", "percent")} options={(["free", "flat", "percent"] as const).map((m) => ({ value: m, label: t(`billing.methodsOfRule.${m}`) }))} />
      <Field id={idOf("flat")} name="flat" inputMode="decimal" label={t("copay.flat")} defaultValue={v("flat")} error={e("flat")} />
      <Field id={idOf("percent")} name="percent" inputMode="decimal" label={t("copay.percent")} defaultValue={v("percent")} error={e("percent")} />
      <Field id={idOf("freeUnits")} name="freeUnits" inputMode="numeric" label={t("copay.freeUnits")} defaultValue={v("freeUnits")} error={e("freeUnits")} />
      <SelectField id={idOf("freeUnitsPer")} name="freeUnitsPer" label={t("copay.freeUnitsPer")} defaultValue={v("freeUnitsPer", "none")} options={(["none", "month", "plan"] as const).map((p) => ({ value: p, label: t(`copay.per.${p}`) }))} />
      <Field id={idOf("monthlyCap")} name="monthlyCap" inputMode="decimal" label={t("copay.monthlyCap")} defaultValue={v("monthlyCap")} error={e("monthlyCap")} />
      <div className="field field--checkbox">
        <input type="checkbox" id={idOf("chargeNoShow")} name="chargeNoShow" defaultChecked={v("chargeNoShow") === "on"} />
        <label htmlFor={idOf("chargeNoShow")}>{t("copay.chargeNoShow")}</label>
      </div>
      <div className="field field--checkbox">
        <input type="checkbox" id={idOf("chargeLateCancellation")} name="chargeLateCancellation" defaultChecked={v("chargeLateCancellation") === "on"} />
        <label htmlFor={idOf("chargeLateCancellation")}>{t("copay.chargeLateCancellation")}</label>
      </div>
      <fieldset>
        <legend>{t("copay.reliefsTitle")}</legend>
        {reliefKinds.map((k) => (
          <Field key={k} id={idOf(`relief_${k}`)} name={`relief_${k}`} inputMode="decimal" label={t(`billing.reliefs.${k}`)} defaultValue={v(`relief_${k}`)} error={e(`relief_${k}`)} />
        ))}
      </fieldset>
    </>
  );
}

export default function CopayRules() {
  const { rules, offers, packages } = useLoaderData<typeof loader>();
  const refusal = useRefusal();
  const t = useT();
  const locale = useLocale();
  const describe = (v: (typeof rules)[number]["versions"][number]) =>
    [
      v.method === "flat" && v.flatGrosze ? formatMoney(v.flatGrosze, locale) : null,
      v.method === "percent" && v.percentBp ? `${v.percentBp / 100} %` : null,
      v.method === "free" ? t("billing.methodsOfRule.free") : null,
      v.freeUnits ? t("billing.explanation.quota", { free: v.freeUnits, per: t(`billing.explanation.quotaPer.${(v.freeUnitsPer ?? "month") as "month" | "plan"}`) }) : null,
      v.monthlyCapGrosze ? t("billing.explanation.cap", { cap: formatMoney(v.monthlyCapGrosze, locale) }) : null,
      ...Object.entries(v.reliefs).map(([k, bp]) => t("billing.explanation.relief", { relief: t(`billing.reliefs.${k as "senior_card"}`), percent: Number(bp ?? 0) / 100 })),
      v.chargeNoShow ? t("copay.chargeNoShow") : null,
      v.chargeLateCancellation ? t("copay.chargeLateCancellation") : null,
    ]
      .filter(Boolean)
      .join(" · ");
  return (
    <>
      <h1>{t("copay.title")}</h1>
      <p>{t("copay.intro")}</p>
      {rules.length === 0 ? <p>{t("copay.none")}</p> : null}
      {rules.map((r) => (
        <section key={r.id} className="panel" aria-labelledby={`rule-${r.id}`}>
          <h2 id={`rule-${r.id}`}>{r.name}</h2>
          <p>
            {t("copay.scope")}: {r.scope === "offer" ? r.offerName : r.scope === "package" ? r.packageName : t(`areas.${r.area}` as "areas.1")}
          </p>
          <h3>{t("copay.versions")}</h3>
          <ul>
            {r.versions.map((v) => (
              <li key={v.id}>
                <strong>{t("copay.version", { n: v.version })}</strong> — {t("copay.validFrom")} {formatDate(v.validFrom, locale)}, {t("copay.resolutionNumber")} {v.resolutionNumber} ({formatDate(v.resolutionDate, locale)}): {describe(v)}
              </li>
            ))}
          </ul>
          <details open={refusal.refusal?.form === `version-${r.id}`}>
            <summary>{t("copay.addVersion")}</summary>
            {refusal.error(`version-${r.id}`, "form") ? <Feedback kind="error">{refusal.error(`version-${r.id}`, "form")}</Feedback> : null}
            <Form method="post">
              <input type="hidden" name="intent" value="version" />
              <input type="hidden" name="ruleId" value={r.id} />
              <VersionFields form={`version-${r.id}`} refusal={refusal} />
              <button type="submit" className="button">
                {t("copay.addVersion")}
              </button>
            </Form>
          </details>
        </section>
      ))}
      <section className="panel" aria-labelledby="new-rule">
        <h2 id="new-rule">{t("copay.create")}</h2>
        {refusal.error("create", "form") ? <Feedback kind="error">{refusal.error("create", "form")}</Feedback> : null}
        <Form method="post">
          <input type="hidden" name="intent" value="create" />
          <Field id="create-name" name="name" label={t("copay.name")} defaultValue={refusal.value("create", "name")} error={refusal.error("create", "name")} />
          <SelectField id="create-scope" name="scope" label={t("copay.scope")} defaultValue={refusal.value("create", "scope", "offer")} options={(["offer", "package", "area"] as const).map((s) => ({ value: s, label: t(`billing.scopes.${s}`) }))} />
          <SelectField id="create-offerId" name="offerId" label={t("copay.offer")} defaultValue={refusal.value("create", "offerId")} error={refusal.error("create", "offerId")} options={[{ value: "", label: t("copay.choose") }, ...offers.map((o) => ({ value: o.id, label: o.name }))]} />
          <SelectField id="create-packageId" name="packageId" label={t("copay.package")} defaultValue={refusal.value("create", "packageId")} error={refusal.error("create", "packageId")} options={[{ value: "", label: t("copay.choose") }, ...packages.map((p) => ({ value: p.id, label: p.name }))]} />
          <SelectField
            id="create-area"
            name="area"
            label={t("copay.area")}
            defaultValue={refusal.value("create", "area")}
            error={refusal.error("create", "area")}
            options={[{ value: "", label: t("copay.choose") }, ...Array.from({ length: 14 }, (_, i) => ({ value: String(i + 1), label: t(`areas.${i + 1}` as "areas.1") }))]}
          />
          <VersionFields form="create" refusal={refusal} />
          <button type="submit" className="button">
            {t("copay.create")}
          </button>
        </Form>
      </section>
    </>
  );
}
