import { z } from "zod";
import { contractModes } from "@db/schema/contracts";
import { fundingKinds } from "@db/schema/funding";
import { choice, crossCheck, date, id, many, money, intents, optionalDate, optionalText, percent, text } from "~/modules/kernel/input";
import type { SplitLineInput } from "~/modules/funding/sources.server";

/*
 * A contract as the organiser records it: number, mode, dates, the pool (units and/or amount) and a tariff per
 * offer. Tariffs are typed in złoty and must be above zero; the pool is optional.
 */

const optionalUnits = z
  .string()
  .trim()
  .default("")
  .refine((v) => v === "" || /^\d{1,7}([.,]\d{1,2})?$/.test(v), "contracts.poolUnitsInvalid")
  .transform((v) => {
    if (v === "") return null;
    const [whole, fraction = ""] = v.split(/[.,]/);
    return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  });

/** One row per offer of the provider: the offer's id and its price; a row left without a price is not covered. */
const contractFields = {
  providerId: id({ message: "contracts.providerRequired" }),
  number: text({ min: 2, max: 80, message: "contracts.numberRequired" }),
  mode: choice(contractModes),
  signedOn: date({ min: "2000-01-01" }),
  validFrom: date({ min: "2000-01-01" }),
  validTo: date({ min: "2000-01-01" }),
  poolUnits: optionalUnits,
  poolAmount: money({ message: "contracts.amountInvalid" }),
  offerId: many(id(), { max: 50 }),
  tariff: many(z.string(), { max: 50 }),
};

function checkContract(v: { validFrom: string; validTo: string; offerId: string[]; tariff: string[] }, ctx: z.RefinementCtx) {
  if (v.validTo < v.validFrom) ctx.addIssue({ code: "custom", path: ["validTo"], message: "contracts.periodInvalid" });
  if (pricedOffers(v).length === 0) ctx.addIssue({ code: "custom", path: ["offerId"], message: "contracts.offerRequired" });
  for (const { tariff } of pricedOffers(v)) {
    const price = money().safeParse(tariff);
    if (!price.success || price.data <= 0) ctx.addIssue({ code: "custom", path: ["tariff"], message: "contracts.tariffPositive" });
  }
}

/** The offers a contract covers: the rows with a price typed. */
export function pricedOffers(v: { offerId: string[]; tariff: string[] }) {
  return v.offerId.map((offerId, i) => ({ offerId, tariff: (v.tariff[i] ?? "").trim() })).filter((r) => r.tariff !== "");
}

export const contractFormSchema = crossCheck(z.object(contractFields), checkContract);

export type ContractFormInput = z.output<typeof contractFormSchema>;

export const tariffFormSchema = z.object({ contractId: id(), offerId: id(), tariff: money({ message: "contracts.tariffPositive" }).refine((g) => g > 0, "contracts.tariffPositive"), validFrom: date({ min: "2000-01-01" }) });

/** A funding source as the organiser records it; a gmina budget line needs its classification. */
const sourceFields = {
  kind: choice(fundingKinds),
  name: text({ min: 2, max: 200, message: "funding.nameRequired" }),
  dzial: optionalText({ max: 3 }),
  rozdzial: optionalText({ max: 5 }),
  paragraf: optionalText({ max: 4 }),
  programme: optionalText({ max: 100 }),
  projectNumber: optionalText({ max: 100 }),
  eligibleFrom: optionalDate(),
  eligibleTo: optionalDate(),
  budget: money({ message: "contracts.amountInvalid" }),
};

function checkSource(v: { kind: string; dzial: string | null; rozdzial: string | null; paragraf: string | null; eligibleFrom: string | null; eligibleTo: string | null }, ctx: z.RefinementCtx) {
  if (v.kind === "gmina_budget" && !(/^\d{3}$/.test(v.dzial ?? "") && /^\d{5}$/.test(v.rozdzial ?? "") && /^\d{4}$/.test(v.paragraf ?? ""))) ctx.addIssue({ code: "custom", path: ["dzial"], message: "funding.classificationRequired" });
  if (v.eligibleFrom && v.eligibleTo && v.eligibleTo < v.eligibleFrom) ctx.addIssue({ code: "custom", path: ["eligibleTo"], message: "contracts.periodInvalid" });
}

/** The organiser's contracts page: a new contract, or a new funding source. */
export const contractsPageAction = intents([
  crossCheck(z.object({ intent: z.literal("contract"), ...contractFields }), checkContract),
  crossCheck(z.object({ intent: z.literal("source"), ...sourceFields }), checkSource),
]);

/** A contract's split from a day: a row per funding source with its share (%) or fixed amount per unit, and a ceiling. */
export const splitFields = {
  validFrom: date({ min: "2000-01-01" }),
  sourceId: many(id(), { max: 10 }),
  share: many(percent({ message: "contracts.line" }), { max: 10 }),
  fixed: many(money({ message: "contracts.line" }), { max: 10 }),
  ceiling: many(money({ message: "contracts.line" }), { max: 10 }),
  ceilingPeriod: many(z.enum(["", "month", "year", "contract"]), { max: 10 }),
};

/** The split's lines from its rows: a row with neither a share nor a fixed amount is not part of it. */
export function splitLinesOf(v: { sourceId: string[]; share: (number | null)[]; fixed: number[]; ceiling: number[]; ceilingPeriod: string[] }): SplitLineInput[] {
  return v.sourceId
    .map((sourceId, i) => {
      const period = v.ceilingPeriod[i] ?? "";
      return {
        sourceId,
        shareBp: v.share[i] ? v.share[i]! : null,
        fixedPerUnitGrosze: (v.fixed[i] ?? 0) > 0 ? v.fixed[i]! : null,
        ceilingGrosze: (v.ceiling[i] ?? 0) > 0 ? v.ceiling[i]! : null,
        ceilingPeriod: period === "" ? null : (period as "month" | "year" | "contract"),
      };
    })
    .filter((l) => l.shareBp !== null || l.fixedPerUnitGrosze !== null);
}
