import { formatMoney } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";

export type CopayPreviewData = { monthlyGrosze: number; items: { offerName: string; monthlyGrosze: number }[] };

/** What a plan costs the resident a month: the total in a sentence, and each service's part for staff. */
export function CopaySentence({ preview }: { preview: CopayPreviewData }) {
  const t = useT();
  const locale = useLocale();
  return <p className="lead">{preview.monthlyGrosze > 0 ? t("billing.copayMonthly", { amount: formatMoney(preview.monthlyGrosze, locale) }) : t("billing.copayFree")}</p>;
}

export function CopayPreviewPanel({ preview }: { preview: CopayPreviewData }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="panel" aria-labelledby="copay-preview-title">
      <h2 id="copay-preview-title">{t("billing.previewTitle")}</h2>
      <p>{t("billing.previewIntro")}</p>
      <CopaySentence preview={preview} />
      <ul>
        {preview.items.map((i, n) => (
          <li key={`${i.offerName}-${n}`}>{i.monthlyGrosze > 0 ? t("billing.previewItem", { offer: i.offerName, amount: formatMoney(i.monthlyGrosze, locale) }) : t("billing.previewItemFree", { offer: i.offerName })}</li>
        ))}
      </ul>
    </section>
  );
}
