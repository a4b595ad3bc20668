import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { getT, type Locale } from "../app/utils/i18n";

export type EmailLayoutProps = { locale: Locale; centreName: string; preview: string; children: ReactNode };

/** Shared frame of every message: the centre's name on top, the automatic-message note below. */
export function EmailLayout({ locale, centreName, preview, children }: EmailLayoutProps) {
  const t = getT(locale);
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f4f5f7", fontFamily: "Arial, Helvetica, sans-serif", color: "#1b1f24" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "560px", margin: "24px auto" }}>
          <Section>
            <Text style={{ fontSize: "18px", fontWeight: 700, color: "#0b4f6c", margin: 0 }}>{centreName}</Text>
          </Section>
          <Hr />
          {children}
          <Hr />
          <Text style={{ fontSize: "12px", color: "#555" }}>{t("email.footer", { centre: centreName })}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export const buttonStyle = {
  backgroundColor: "#0b4f6c",
  color: "#ffffff",
  padding: "12px 20px",
  borderRadius: "6px",
  textDecoration: "none",
  fontWeight: 700,
  display: "inline-block",
};
