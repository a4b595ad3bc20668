import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, SelectField } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { PoolUse } from "~/components/PoolUse";
import { useRefusal } from "~/components/refusal";
import { splitFields, splitLinesOf, tariffFormSchema } from "~/modules/contracts/contract-form";
import { changeTariff, getContract, setOverrun } from "~/modules/contracts/contracts.server";
import { listFundingSources, setContractSplit } from "~/modules/funding/sources.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { actorFrom } from "~/modules/kernel/actor";
import { notFound, readForm, readParams, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { clock } from "~/modules/kernel/clock.server";
import { warsawDate } from "~/modules/kernel/dates";
import { checkbox, id, intents } from "~/modules/kernel/input";
import { formatDate, formatMoney } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "contracts.title");

const Params = z.object({ contractId: id() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "contracts.manage");
  const cusId = requireCentreId(access);
  const { contractId } = readParams(params, Params);
  const [contract, sources] = await Promise.all([getContract(cusId, contractId), listFundingSources(cusId)]);
  if (!contract) throw notFound();
  return { contract: { ...contract, contract: { ...contract.contract, createdAt: contract.contract.createdAt.toISOString() } }, sources: sources.filter((s) => s.kind !== "copayment").map((s) => ({ id: s.id, name: s.name, kind: s.kind })), today: warsawDate(clock.now()) };
}

const Action = intents([
  z.object({ intent: z.literal("overrun"), allowed: checkbox() }),
  tariffFormSchema.omit({ contractId: true }).extend({ intent: z.literal("tariff") }),
  z.object({ intent: z.literal("split"), ...splitFields }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "contracts.manage");
  const cusId = requireCentreId(access);
  const { contractId } = readParams(params, Params);
  const actor = actorFrom(access, context);
  const form = await readForm(request, Action);
  if (!form.ok) return refuseInput(form, String(form.values.intent ?? "tariff"));
  if (form.data.intent === "overrun") {
    const result = await setOverrun({ cusId, contractId, allowed: form.data.allowed, actor });
    if (!result.ok) throw notFound();
    return done(request, { kind: "success", message: form.data.allowed ? "contracts.overrunSaved" : "contracts.overrunWithdrawn" });
  }
  if (form.data.intent === "tariff") {
    const result = await changeTariff({ cusId, contractId, offerId: form.data.offerId, unitPriceGrosze: form.data.tariff, validFrom: form.data.validFrom, actor });
    if (!result.ok && result.reason === "not_found") throw notFound();
    if (!result.ok) return refuse("tariff", { validFrom: `contracts.${result.reason}` }, form.values);
    return done(request, { kind: "success", message: "contracts.tariffChanged" });
  }
  const result = await setContractSplit({ cusId, contractId, validFrom: form.data.validFrom, lines: splitLinesOf(form.data), actor });
  if (!result.ok && result.reason === "not_found") throw notFound();
  if (!result.ok) return refuse("split", { share: `contracts.${result.reason}` }, form.values);
  return done(request, { kind: "success", message: "contracts.splitSaved" });
}

export default function ContractPage() {
  const { contract: c, sources, today } = useLoaderData<typeof loader>();
  const refusal = useRefusal();
  const t = useT();
  const locale = useLocale();
  const latestFrom = c.splits[0]?.validFrom;
  const current = c.splits.filter((s) => s.validFrom === latestFrom);
  const offers = [...new Map(c.tariffs.map((x) => [x.offerId, x.offerName])).entries()];
  return (
    <>
      <p>
        <Link to="/organizer/contracts">{t("contracts.back")}</Link>
      </p>
      <h1>
        {c.contract.number} — {c.providerName}
      </h1>
      <dl className="facts">
        <dt>{t("contracts.mode")}</dt>
        <dd>{t(`contracts.modes.${c.contract.mode}`)}</dd>
        <dt>{t("contracts.signedOn")}</dt>
        <dd>{formatDate(c.contract.signedOn, locale)}</dd>
        <dt>{t("contracts.period")}</dt>
        <dd>
          {formatDate(c.contract.validFrom, locale)} – {formatDate(c.contract.validTo, locale)}
        </dd>
        <dt>{t("contracts.pool")}</dt>
        <dd>
          <PoolUse pool={{ ...c, poolUnitsHundredths: c.poolHundredths, overrunAllowed: c.contract.overrunAllowed }} />
        </dd>
      </dl>

      <section className="panel" aria-labelledby="overrun-title">
        <h2 id="overrun-title">{t("contracts.overrun")}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="overrun" />
          {c.contract.overrunAllowed ? null : <input type="hidden" name="allowed" value="on" />}
          <button type="submit" className="button button--secondary">
            {c.contract.overrunAllowed ? t("contracts.withdrawOverrun") : t("contracts.allowOverrun")}
          </button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="tariffs-title">
        <h2 id="tariffs-title">{t("contracts.tariffs")}</h2>
        <ul className="plain-list">
          {c.tariffs.map((x) => (
            <li key={`${x.offerId}-${x.validFrom}`}>
              <strong>{x.offerName}</strong> — {t("contracts.tariffFrom", { date: formatDate(x.validFrom, locale), price: formatMoney(x.unitPriceGrosze, locale) })}
            </li>
          ))}
        </ul>
        <h3>{t("contracts.changeTariff")}</h3>
        <Form method="post">
          <input type="hidden" name="intent" value="tariff" />
          <SelectField name="offerId" label={t("settlements.service")} defaultValue={refusal.value("tariff", "offerId")} options={offers.map(([value, label]) => ({ value, label }))} />
          <Field name="tariff" inputMode="decimal" label={t("contracts.newTariff")} defaultValue={refusal.value("tariff", "tariff")} error={refusal.error("tariff", "tariff")} />
          <Field name="validFrom" type="date" label={t("contracts.validFrom")} defaultValue={refusal.value("tariff", "validFrom", today)} error={refusal.error("tariff", "validFrom")} />
          <button type="submit" className="button">
            {t("contracts.changeTariff")}
          </button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="split-title">
        <h2 id="split-title">{t("contracts.split")}</h2>
        <p>{t("contracts.splitIntro")}</p>
        {current.length === 0 ? (
          <p>{t("contracts.splitNone")}</p>
        ) : (
          <ul className="plain-list">
            {current.map((s) => (
              <li key={s.position}>
                {s.position + 1}. <strong>{s.sourceName}</strong> — {s.shareBp !== null ? `${(s.shareBp / 100).toLocaleString(locale)} %` : `${formatMoney(s.fixedPerUnitGrosze ?? 0, locale)} / jedn.`}
                {s.ceilingGrosze ? ` · ${t("contracts.ceiling")}: ${formatMoney(s.ceilingGrosze, locale)} / ${t(`contracts.ceilingPeriods.${(s.ceilingPeriod ?? "") as "month"}`)}` : ""} ({t("contracts.splitFrom")} {formatDate(s.validFrom, locale)})
              </li>
            ))}
          </ul>
        )}
        <Form method="post">
          <input type="hidden" name="intent" value="split" />
          {refusal.error("split", "share") ? <Feedback kind="error">{refusal.error("split", "share")}</Feedback> : null}
          <Field name="validFrom" type="date" label={t("contracts.splitFrom")} defaultValue={refusal.value("split", "validFrom", latestFrom ?? c.contract.validFrom)} />
          {sources.map((source, i) => {
            const line = current.find((s) => s.sourceId === source.id);
            const typed = (field: string, fallback: string) => (refusal.of("split") ? (refusal.list("split", field)[i] ?? "") : fallback);
            return (
              <fieldset key={source.id}>
                <legend>
                  {source.name} ({t(`funding.kinds.${source.kind}`)})
                </legend>
                <input type="hidden" name="sourceId" value={source.id} />
                <Field id={`share-${i}`} name="share" inputMode="decimal" label={t("contracts.share")} defaultValue={typed("share", line?.shareBp ? String(line.shareBp / 100).replace(".", ",") : "")} />
                <Field id={`fixed-${i}`} name="fixed" inputMode="decimal" label={t("contracts.fixed")} defaultValue={typed("fixed", line?.fixedPerUnitGrosze ? (line.fixedPerUnitGrosze / 100).toFixed(2).replace(".", ",") : "")} />
                <Field id={`ceiling-${i}`} name="ceiling" inputMode="decimal" label={t("contracts.ceiling")} defaultValue={typed("ceiling", line?.ceilingGrosze ? (line.ceilingGrosze / 100).toFixed(2).replace(".", ",") : "")} />
                <SelectField id={`period-${i}`} name="ceilingPeriod" label={t("contracts.ceilingPeriod")} defaultValue={typed("ceilingPeriod", line?.ceilingPeriod ?? "")} options={(["", "month", "year", "contract"] as const).map((p) => ({ value: p, label: t(`contracts.ceilingPeriods.${p}`) }))} />
              </fieldset>
            );
          })}
          <button type="submit" className="button">
            {t("contracts.saveSplit")}
          </button>
        </Form>
      </section>
    </>
  );
}
