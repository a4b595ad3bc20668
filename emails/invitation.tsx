import { Button, Link, Text } from "@react-email/components";
import type { Role } from "../db/schema/identity";
import { formatDateTime } from "../app/utils/format";
import { getT, type Locale } from "../app/utils/i18n";
import { EmailLayout, buttonStyle } from "./layout";

export type InvitationEmailProps = {
  locale: Locale;
  centreName: string;
  organisationName: string;
  inviterName: string;
  inviteeName: string | null;
  role: Role;
  acceptUrl: string;
  expiresAt: string;
};

export function invitationSubject({ locale, organisationName }: InvitationEmailProps): string {
  return getT(locale)("email.invitation.subject", { organisation: organisationName });
}

export default function InvitationEmail(props: InvitationEmailProps) {
  const t = getT(props.locale);
  return (
    <EmailLayout locale={props.locale} centreName={props.centreName} preview={invitationSubject(props)}>
      <Text>{props.inviteeName ? t("email.greetingName", { name: props.inviteeName }) : t("email.greeting")}</Text>
      <Text>
        {t("email.invitation.body", {
          inviter: props.inviterName,
          organisation: props.organisationName,
          role: t(`roles.${props.role}`),
        })}
      </Text>
      <Button href={props.acceptUrl} style={buttonStyle}>
        {t("email.invitation.action")}
      </Button>
      <Text>
        <Link href={props.acceptUrl}>{props.acceptUrl}</Link>
      </Text>
      <Text>{t("email.invitation.expiry", { date: formatDateTime(props.expiresAt, props.locale) })}</Text>
    </EmailLayout>
  );
}
