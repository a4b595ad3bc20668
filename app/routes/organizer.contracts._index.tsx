import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Field, SelectField } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { PoolUse } from "~/components/PoolUse";
import { useRefusal } from "~/components/refusal";
import { contractsPageAction } from "~/modules/contracts/contract-form";
import { contractChoices, contractsWithPools, createContract } from "~/modules/contracts/contracts.server";
import { contractModes, fundingKinds } from "~/modules/contracts/values";
import { createFundingSource, listFundingSources } from "~/modules/funding/sources.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { actorFrom } from "~/modules/kernel/actor";
import { readForm, readQuery, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { optionalId, withoutIntent } from "~/modules/kernel/input";
import { formatDate, formatMoney } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "contracts.title");

const Query = z.object({ providerId: optionalId() });

/** The organiser's contracts: pools left, funding sources, and a new contract for a chosen provider. */
export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "contracts.manage");
  const cusId = requireCentreId(access);
  const query = readQuery(request, Query);
  const [contracts, sources, choices] = await Promise.all([contractsWithPools(cusId), listFundingSources(cusId), contractChoices(cusId)]);
  return { contracts, sources, providers: choices, chosen: choices.find((p) => p.id === query.data.providerId) ?? null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "contracts.manage");
  const cusId = requireCentreId(access);
  const actor = actorFrom(access, context);
  const form = await readForm(request, contractsPageAction);
  if (!form.ok) return refuseInput(form, String(form.values.intent ?? "contract"));
  if (form.data.intent === "source") {
    const { intent: _intent, budget, ...source } = form.data;
    await createFundingSource({ cusId, source: { ...source, budgetGrosze: budget > 0 ? budget : null }, actor });
    return done(request, { kind: "success", message: "funding.created" });
  }
  const created = await createContract({ cusId, contract: withoutIntent(form.data), actor });
  if (!created.ok) return refuse("contract", { form: created.reason === "number_taken" ? "contracts.number_taken" : `contracts.${created.reason}_refused` }, form.values, 409);
  return done(request, { kind: "success", message: "contracts.created" }, `/organizer/contracts/${created.contractId}`);
}

export default function OrganizerContracts() {
  const d = useLoaderData<typeof loader>();
  const refusal = useRefusal();
  const [search] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const contractError = refusal.error("contract", "form");
  return (
    <>
      <h1>{t("contracts.title")}</h1>
      <p>{t("contracts.intro")}</p>
      <section className="panel" aria-labelledby="contracts-title">
        <h2 id="contracts-title">{t("contracts.list")}</h2>
        {d.contracts.length === 0 ? (
          <p>{t("contracts.none")}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="contracts-title" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("contracts.number")}</th>
                  <th scope="col">{t("contracts.provider")}</th>
                  <th scope="col">{t("contracts.mode")}</th>
                  <th scope="col">{t("contracts.period")}</th>
                  <th scope="col">{t("contracts.pool")}</th>
                </tr>
              </thead>
              <tbody>
                {d.contracts.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/organizer/contracts/${c.id}`}>{c.number}</Link>
                    </td>
                    <td>
                      {c.providerName}
                      <br />
                      <small>{c.offers.join(", ")}</small>
                    </td>
                    <td>{t(`contracts.modes.${c.mode}`)}</td>
                    <td>
                      {formatDate(c.validFrom, locale)} – {formatDate(c.validTo, locale)}
                    </td>
                    <td>
                      <PoolUse pool={c} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="new-contract-title">
        <h2 id="new-contract-title">{t("contracts.create")}</h2>
        <Form method="get" className="filters">
          <SelectField name="providerId" label={t("contracts.provider")} defaultValue={d.chosen?.id ?? search.get("providerId") ?? ""} options={[{ value: "", label: "—" }, ...d.providers.map((p) => ({ value: p.id, label: p.name }))]} />
          <button type="submit" className="button button--secondary">
            {t("billing.desk.show")}
          </button>
        </Form>
        {d.chosen ? (
          <Form method="post">
            {contractError ? <Feedback kind="error">{contractError}</Feedback> : null}
            <input type="hidden" name="intent" value="contract" />
            <input type="hidden" name="providerId" value={d.chosen.id} />
            <Field name="number" label={t("contracts.number")} defaultValue={refusal.value("contract", "number")} error={refusal.error("contract", "number")} />
            <SelectField name="mode" label={t("contracts.mode")} defaultValue={refusal.value("contract", "mode", "open_call_support")} options={contractModes.map((m) => ({ value: m, label: t(`contracts.modes.${m}`) }))} />
            <Field name="signedOn" type="date" label={t("contracts.signedOn")} defaultValue={refusal.value("contract", "signedOn")} error={refusal.error("contract", "signedOn")} />
            <Field name="validFrom" type="date" label={t("contracts.validFrom")} defaultValue={refusal.value("contract", "validFrom")} error={refusal.error("contract", "validFrom")} />
            <Field name="validTo" type="date" label={t("contracts.validTo")} defaultValue={refusal.value("contract", "validTo")} error={refusal.error("contract", "validTo")} />
            <Field name="poolUnits" inputMode="decimal" label={t("contracts.poolUnits")} defaultValue={refusal.value("contract", "poolUnits")} error={refusal.error("contract", "poolUnits")} />
            <Field name="poolAmount" inputMode="decimal" label={t("contracts.poolAmount")} defaultValue={refusal.value("contract", "poolAmount")} error={refusal.error("contract", "poolAmount")} />
            <fieldset>
              <legend>{t("contracts.offers")}</legend>
              <p className="field__hint">{t("contracts.offerHint")}</p>
              {refusal.error("contract", "offerId") ? <p className="field__error">{refusal.error("contract", "offerId")}</p> : null}
              {refusal.error("contract", "tariff") ? <p className="field__error">{refusal.error("contract", "tariff")}</p> : null}
              {d.chosen.offers.map((o, i) => (
                <div key={o.id}>
                  <input type="hidden" name="offerId" value={o.id} />
                  <Field
                    id={`tariff-${o.id}`}
                    name="tariff"
                    inputMode="decimal"
                    label={t("contracts.offerTariff", { name: o.name })}
                    hint={o.listPriceGrosze ? formatMoney(o.listPriceGrosze, locale) : undefined}
                    defaultValue={refusal.of("contract") ? (refusal.list("contract", "tariff")[i] ?? "") : ""}
                  />
                </div>
              ))}
            </fieldset>
            <button type="submit" className="button">
              {t("contracts.create")}
            </button>
          </Form>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="sources-title">
        <h2 id="sources-title">{t("funding.title")}</h2>
        {d.sources.length === 0 ? (
          <p>{t("funding.none")}</p>
        ) : (
          <ul className="plain-list">
            {d.sources.map((s) => (
              <li key={s.id}>
                <strong>{s.name}</strong> — {t(`funding.kinds.${s.kind}`)}
                {s.kind === "gmina_budget" ? ` (${s.dzial} / ${s.rozdzial} / §${s.paragraf})` : ""}
                {s.programme ? `, ${s.programme}` : ""}
                {s.projectNumber ? `, ${s.projectNumber}` : ""}
                {s.eligibleFrom && s.eligibleTo ? `, ${formatDate(s.eligibleFrom, locale)} – ${formatDate(s.eligibleTo, locale)}` : ""}
                {s.budgetGrosze ? `, ${t("funding.budget")}: ${formatMoney(s.budgetGrosze, locale)}` : ""}
              </li>
            ))}
          </ul>
        )}
        <Form method="post">
          <input type="hidden" name="intent" value="source" />
          <SelectField name="kind" label={t("funding.kind")} defaultValue={refusal.value("source", "kind", "gmina_budget")} options={fundingKinds.map((k) => ({ value: k, label: t(`funding.kinds.${k}`) }))} />
          <Field name="name" label={t("funding.name")} defaultValue={refusal.value("source", "name")} error={refusal.error("source", "name")} />
          <fieldset>
            <legend>{t("funding.classification")}</legend>
            {refusal.error("source", "dzial") ? <p className="field__error">{refusal.error("source", "dzial")}</p> : null}
            <Field name="dzial" inputMode="numeric" label={t("funding.dzial")} defaultValue={refusal.value("source", "dzial")} />
            <Field name="rozdzial" inputMode="numeric" label={t("funding.rozdzial")} defaultValue={refusal.value("source", "rozdzial")} />
            <Field name="paragraf" inputMode="numeric" label={t("funding.paragraf")} defaultValue={refusal.value("source", "paragraf")} />
          </fieldset>
          <Field name="programme" label={t("funding.programme")} defaultValue={refusal.value("source", "programme")} />
          <Field name="projectNumber" label={t("funding.projectNumber")} defaultValue={refusal.value("source", "projectNumber")} />
          <Field name="eligibleFrom" type="date" label={t("funding.eligibleFrom")} defaultValue={refusal.value("source", "eligibleFrom")} error={refusal.error("source", "eligibleFrom")} />
          <Field name="eligibleTo" type="date" label={t("funding.eligibleTo")} defaultValue={refusal.value("source", "eligibleTo")} error={refusal.error("source", "eligibleTo")} />
          <Field name="budget" inputMode="decimal" label={t("funding.budget")} defaultValue={refusal.value("source", "budget")} error={refusal.error("source", "budget")} />
          <button type="submit" className="button">
            {t("funding.create")}
          </button>
        </Form>
      </section>
    </>
  );
}
