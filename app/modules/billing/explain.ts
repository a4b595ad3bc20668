import type { Explanation } from "./copay-engine";
import { formatMoney } from "~/utils/format";
import type { Locale, T } from "~/utils/i18n";

/**
 * A charge's stored explanation in the reader's language: "15 % ceny 45,00 zł · ulga: Karta seniora (50 %)".
 * The statement page and the PDF both say it this way.
 */
export function explainCharge(t: T, locale: Locale, json: string | null): string {
  if (!json) return "";
  let parts: Explanation[];
  try {
    parts = JSON.parse(json) as Explanation[];
  } catch {
    return "";
  }
  return parts
    .map((p) => {
      switch (p.k) {
        case "no_rule":
        case "free":
          return t(`billing.explanation.${p.k}`);
        case "not_charged":
          return t(`billing.explanation.not_charged.${p.reason}`);
        case "flat":
          return t("billing.explanation.flat", { amount: formatMoney(p.flatGrosze, locale) });
        case "percent":
          return t("billing.explanation.percent", { percent: p.percentBp / 100, price: formatMoney(p.unitPriceGrosze, locale) });
        case "quota":
          return t("billing.explanation.quota", { free: p.freeUnits, per: t(`billing.explanation.quotaPer.${p.per}`) });
        case "relief":
          return t("billing.explanation.relief", { relief: t(`billing.reliefs.${p.kind}`), percent: p.bp / 100 });
        case "cap":
          return t("billing.explanation.cap", { cap: formatMoney(p.capGrosze, locale) });
        default:
          return "";
      }
    })
    .filter(Boolean)
    .join(" · ");
}
