import { Link, Text } from "@react-email/components";
import { formatDate } from "../app/utils/format";
import { getT, type Locale } from "../app/utils/i18n";
import { EmailLayout } from "./layout";

export type PlanApprovedEmailProps = {
  locale: Locale;
  centreName: string;
  residentName: string;
  validFrom: string;
  validTo: string;
  services: string[];
  planUrl: string;
};

export function planApprovedSubject({ locale }: PlanApprovedEmailProps): string {
  return getT(locale)("email.planApproved.subject");
}

export default function PlanApprovedEmail(props: PlanApprovedEmailProps) {
  const t = getT(props.locale);
  return (
    <EmailLayout locale={props.locale} centreName={props.centreName} preview={planApprovedSubject(props)}>
      <Text>{t("email.greetingName", { name: props.residentName })}</Text>
      <Text>{t("email.planApproved.body", { from: formatDate(props.validFrom, props.locale), to: formatDate(props.validTo, props.locale) })}</Text>
      {props.services.map((s) => (
        <Text key={s}>• {s}</Text>
      ))}
      <Text>{t("email.planApproved.next")}</Text>
      <Text>
        <Link href={props.planUrl}>{props.planUrl}</Link>
      </Text>
    </EmailLayout>
  );
}
