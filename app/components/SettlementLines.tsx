import type { ReactNode } from "react";
import { formatMoney, formatMonth } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";

export type SettlementLine = {
  id: string;
  contractNumber: string;
  offerName: string;
  kind: "delivered" | "late" | "correction" | "dispute_resolution";
  serviceMonth: string;
  unitPriceGrosze: number;
  unitsHundredths: number;
  amountGrosze: number;
  visits: number;
  answer: "accepted" | "disputed" | null;
  disputeReason: string | null;
  resolution: "stands" | "corrected" | null;
  resolutionNote: string | null;
};

/** A provider statement's lines as both sides read them; `action` renders what can be done with a line. */
export function SettlementLines({ lines, totalGrosze, action }: { lines: SettlementLine[]; totalGrosze: number; action?: (line: SettlementLine, index: number) => ReactNode }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="table-scroll" role="region" aria-labelledby="lines-title" tabIndex={0}>
      <table>
        <caption id="lines-title">{t("settlements.lines")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("settlements.contract")}</th>
            <th scope="col">{t("settlements.service")}</th>
            <th scope="col">{t("settlements.serviceMonth")}</th>
            <th scope="col">{t("settlements.visits")}</th>
            <th scope="col">{t("settlements.units")}</th>
            <th scope="col">{t("settlements.unitPrice")}</th>
            <th scope="col">{t("settlements.amount")}</th>
            <th scope="col">{t("settlements.answer")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={l.id}>
              <td>{l.contractNumber}</td>
              <td>
                {l.offerName}
                <br />
                <small>{t(`settlements.kinds.${l.kind}`)}</small>
              </td>
              <td>{formatMonth(l.serviceMonth, locale)}</td>
              <td>{l.visits}</td>
              <td>{(l.unitsHundredths / 100).toLocaleString(locale)}</td>
              <td>{formatMoney(l.unitPriceGrosze, locale)}</td>
              <td>{formatMoney(l.amountGrosze, locale)}</td>
              <td>
                {l.answer ? t(`settlements.answers.${l.answer}`) : "—"}
                {l.disputeReason ? <p>{l.disputeReason}</p> : null}
                {l.resolution ? (
                  <p>
                    {t(`settlements.resolutions.${l.resolution}`)}: {l.resolutionNote}
                  </p>
                ) : null}
                {action?.(l, i)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={6}>
              {t("settlements.total")}
            </th>
            <td colSpan={2}>
              <strong>{formatMoney(totalGrosze, locale)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** A statement's lines from the settlements module, as the component takes them. */
export const linesForView = (lines: { line: Omit<SettlementLine, "contractNumber" | "offerName"> & Record<string, unknown>; contractNumber: string; offerName: string | null }[]): SettlementLine[] =>
  lines.map((l) => ({ ...l.line, contractNumber: l.contractNumber, offerName: l.offerName ?? "" }));
