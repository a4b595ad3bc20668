import type { Explanation } from "~/modules/billing/copay-engine";
import { formatDate, formatMoney } from "~/utils/format";
import type { Locale } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/i18n-react";

type Line = { id: string; kind: string; description: string; serviceDate: string | null; unitsHundredths: number | null; amountGrosze: number; explanation: string | null };

const units = (h: number | null, locale: Locale) => (h === null ? "" : new Intl.NumberFormat(locale === "en" ? "en-GB" : locale === "uk" ? "uk-UA" : "pl-PL", { maximumFractionDigits: 2 }).format(h / 100));

/** "15 % ceny 80,00 zł · ulga: Karta seniora (50 %)" from a charge's stored explanation. */
export function useExplain() {
  const t = useT();
  const locale = useLocale();
  return (json: string | null): string => {
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
  };
}

/** A statement's items as a table: what, when, how much, and how it was worked out. */
export function StatementLines({ lines, totalGrosze, caption }: { lines: Line[]; totalGrosze: number; caption: string }) {
  const t = useT();
  const locale = useLocale();
  const explain = useExplain();
  return (
    // On a phone the table scrolls sideways: the region takes focus so it scrolls from the keyboard too.
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("billing.item")}</th>
            <th scope="col">{t("billing.date")}</th>
            <th scope="col">{t("billing.units")}</th>
            <th scope="col">{t("billing.why")}</th>
            <th scope="col" className="num">
              {t("billing.amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              <td>{l.kind === "carried" || l.kind === "credit" ? t(`billing.lineKinds.${l.kind}`) : <span lang="pl">{l.description}</span>}</td>
              <td>{l.serviceDate ? formatDate(l.serviceDate, locale) : ""}</td>
              <td>{units(l.unitsHundredths, locale)}</td>
              <td>{explain(l.explanation)}</td>
              <td className="num">{formatMoney(l.amountGrosze, locale)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>
              {t("billing.total")}
            </th>
            <td className="num">{formatMoney(totalGrosze, locale)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
