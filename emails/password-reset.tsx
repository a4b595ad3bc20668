import { Button, Link, Text } from "@react-email/components";
import { getT, type Locale } from "../app/utils/i18n";
import { EmailLayout, buttonStyle } from "./layout";

export type PasswordResetEmailProps = {
  locale: Locale;
  centreName: string;
  email: string;
  resetUrl: string;
  validMinutes: number;
};

export function passwordResetSubject({ locale }: PasswordResetEmailProps): string {
  return getT(locale)("email.passwordReset.subject");
}

export default function PasswordResetEmail(props: PasswordResetEmailProps) {
  const t = getT(props.locale);
  return (
    <EmailLayout locale={props.locale} centreName={props.centreName} preview={passwordResetSubject(props)}>
      <Text>{t("email.greeting")}</Text>
      <Text>{t("email.passwordReset.body", { email: props.email })}</Text>
      <Button href={props.resetUrl} style={buttonStyle}>
        {t("email.passwordReset.action")}
      </Button>
      <Text>
        <Link href={props.resetUrl}>{props.resetUrl}</Link>
      </Text>
      <Text>{t("email.passwordReset.expiry", { minutes: props.validMinutes })}</Text>
      <Text>{t("email.passwordReset.ignore")}</Text>
    </EmailLayout>
  );
}
