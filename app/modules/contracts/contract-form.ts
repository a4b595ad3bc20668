import { z } from "zod";
import { contractModes } from "@db/schema/contracts";
import { choice, crossCheck, date, id, many, money, text } from "~/modules/kernel/input";

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

export const contractFormSchema = crossCheck(
  z.object({
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
  }),
  (v, ctx) => {
    if (v.validTo < v.validFrom) ctx.addIssue({ code: "custom", path: ["validTo"], message: "contracts.periodInvalid" });
    if (v.offerId.length === 0) ctx.addIssue({ code: "custom", path: ["offerId"], message: "contracts.offerRequired" });
    v.offerId.forEach((_, i) => {
      const price = money().safeParse(v.tariff[i] ?? "");
      if (!price.success || price.data <= 0) ctx.addIssue({ code: "custom", path: ["tariff"], message: "contracts.tariffPositive" });
    });
  },
);

export type ContractFormInput = z.output<typeof contractFormSchema>;

export const tariffFormSchema = z.object({ contractId: id(), offerId: id(), tariff: money({ message: "contracts.tariffPositive" }).refine((g) => g > 0, "contracts.tariffPositive"), validFrom: date({ min: "2000-01-01" }) });
