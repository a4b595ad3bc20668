import { explainCharge } from "~/modules/billing/explain";
import { formatDate, formatMoney } from "~/utils/format";
import type { Locale } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/i18n-react";

type Line = { id: string; kind: string; description: string; serviceDate: string | null; unitsHundredths: number | null; amountGrosze: number; explanation: string | null };

const units = (h: number | null, locale: Locale) => (h === null ? "" : new Intl.NumberFormat(locale === "en" ? "en-GB" : locale === "uk" ? "uk-UA" : "pl-PL", { maximumFractionDigits: 2 }).format(h / 100));

/** The explanation of a charge in the page's language. */
export function useExplain() {
  const t = useT();
  const locale = useLocale();
  return (json: string | null) => explainCharge(t, locale, json);
}

/** A statement's items as a table: what, when, how much, and how it was worked out. */
export function StatementLines({ lines, totalGrosze, caption }: { lines: Line[]; totalGrosze: number; caption: string }) {
  const t = useT();
  const locale = useLocale();
  const explain = useExplain();
  return (
    // On a phone the table scrolls sideways: the region takes focus so it scrolls from the keyboard too.
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="stack-on-phone">
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
              <td data-label={t("billing.item")}>{l.kind === "carried" || l.kind === "credit" ? t(`billing.lineKinds.${l.kind}`) : <span lang="pl">{l.description}</span>}</td>
              <td data-label={t("billing.date")}>{l.serviceDate ? formatDate(l.serviceDate, locale) : ""}</td>
              <td data-label={t("billing.units")}>{units(l.unitsHundredths, locale)}</td>
              <td data-label={t("billing.why")}>{explain(l.explanation)}</td>
              <td data-label={t("billing.amount")} className="num">
                {formatMoney(l.amountGrosze, locale)}
              </td>
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
