import { Link, Text } from "@react-email/components";
import { formatDate, formatMoney, formatMonth } from "../app/utils/format";
import { getT, type Locale } from "../app/utils/i18n";
import { EmailLayout } from "./layout";

export type StatementNoticeKind = "issued" | "overdue" | "receipt" | "pay_link";

export type StatementNoticeEmailProps = {
  locale: Locale;
  centreName: string;
  kind: StatementNoticeKind;
  recipientName: string | null;
  payerName: string;
  reference: string;
  month: string;
  amountGrosze: number;
  dueOn: string;
  /** Where to pay (the resident's statement page, or a pay link for a family member). */
  payUrl: string | null;
  pdfUrl: string | null;
};

export function statementNoticeSubject(p: StatementNoticeEmailProps): string {
  return getT(p.locale)(`email.statement.subject.${p.kind}`, { month: formatMonth(p.month, p.locale), amount: formatMoney(p.amountGrosze, p.locale), reference: p.reference });
}

export default function StatementNoticeEmail(p: StatementNoticeEmailProps) {
  const t = getT(p.locale);
  const values = { month: formatMonth(p.month, p.locale), amount: formatMoney(p.amountGrosze, p.locale), reference: p.reference, due: formatDate(p.dueOn, p.locale), payer: p.payerName };
  return (
    <EmailLayout locale={p.locale} centreName={p.centreName} preview={statementNoticeSubject(p)}>
      <Text>{p.recipientName ? t("email.greetingName", { name: p.recipientName }) : t("email.greeting")}</Text>
      <Text>{t(`email.statement.${p.kind}`, values)}</Text>
      {p.kind !== "receipt" ? <Text>{t("email.statement.howToPay", values)}</Text> : null}
      {p.payUrl && p.kind !== "receipt" ? (
        <Text>
          <Link href={p.payUrl}>{p.payUrl}</Link>
        </Text>
      ) : null}
      {p.pdfUrl ? (
        <Text>
          {t("email.statement.pdf")} <Link href={p.pdfUrl}>{p.pdfUrl}</Link>
        </Text>
      ) : null}
    </EmailLayout>
  );
}
