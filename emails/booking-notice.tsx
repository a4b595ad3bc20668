import { Text } from "@react-email/components";
import { formatDateTime } from "../app/utils/format";
import { getT, type Locale } from "../app/utils/i18n";
import { EmailLayout } from "./layout";

export type BookingNoticeKind = "confirmed" | "changed" | "cancelled" | "series" | "reminder" | "change_request" | "waitlist_offer";

export type BookingNoticeEmailProps = {
  locale: Locale;
  centreName: string;
  /** Who the message is for: the resident, or the provider (which gets the resident's name). */
  audience: "resident" | "provider" | "coordinator";
  recipientName: string | null;
  kind: BookingNoticeKind;
  offerName: string;
  providerName: string;
  residentName: string;
  place: string | null;
  /** One date for a single booking, several for a series. */
  startsAt: string[];
  reason: string | null;
  /** For a changed booking: when it was before (that time is no longer booked). */
  previousStartsAt?: string | null;
};

export function bookingNoticeSubject({ locale, kind, offerName }: BookingNoticeEmailProps): string {
  return getT(locale)(`email.booking.subject.${kind}`, { offer: offerName });
}

export default function BookingNoticeEmail(props: BookingNoticeEmailProps) {
  const t = getT(props.locale);
  const when = props.startsAt.map((s) => formatDateTime(s, props.locale));
  return (
    <EmailLayout locale={props.locale} centreName={props.centreName} preview={bookingNoticeSubject(props)}>
      <Text>{props.recipientName ? t("email.greetingName", { name: props.recipientName }) : t("email.greeting")}</Text>
      <Text>
        {t(`email.booking.${props.audience}.${props.kind}` as "email.booking.resident.confirmed", { offer: props.offerName, provider: props.providerName, resident: props.residentName, count: when.length })}
      </Text>
      {when.map((w) => (
        <Text key={w}>
          <strong>{w}</strong>
          {props.place ? ` – ${props.place}` : ""}
        </Text>
      ))}
      {props.previousStartsAt ? <Text>{t("email.booking.previously", { when: formatDateTime(props.previousStartsAt, props.locale) })}</Text> : null}
      {props.reason ? <Text>{t("email.booking.reason", { reason: props.reason })}</Text> : null}
      <Text>{t("email.booking.questions", { centre: props.centreName })}</Text>
    </EmailLayout>
  );
}
