import { renderEmail } from "@emails/index";

describe("emails", () => {
  it("renders the password reset in Polish and English, with the centre and a plain-text part", async () => {
    const props = { centreName: "MCUS Borków", email: "a@b.pl", resetUrl: "https://portal/reset-password/T", validMinutes: 60 };
    const pl = await renderEmail("password-reset", { ...props, locale: "pl" });
    const en = await renderEmail("password-reset", { ...props, locale: "en" });
    expect(pl.subject).toBe("Ustaw nowe hasło do portalu CUS");
    expect(en.subject).toBe("Set a new password for the CUS portal");
    expect(pl.html).toContain("MCUS Borków");
    expect(pl.html).toContain('lang="pl"');
    expect(pl.text).toContain("https://portal/reset-password/T");
    expect(pl.text).toContain("60 minut");
    expect(en.text).toContain("valid for 60 minutes");
  });

  it("renders the invitation with the role in the reader's language", async () => {
    const props = {
      centreName: "MCUS Borków",
      organisationName: "MCUS Borków",
      inviterName: "Barbara Wiśniewska",
      inviteeName: "Jan Nowak",
      role: "coordinator" as const,
      acceptUrl: "https://portal/invitations/T",
      expiresAt: "2026-11-30T12:00:00.000Z",
    };
    const pl = await renderEmail("invitation", { ...props, locale: "pl" });
    expect(pl.text).toContain("Koordynator IPUS");
    expect(pl.text).toContain("Barbara Wiśniewska");
    const en = await renderEmail("invitation", { ...props, locale: "en" });
    expect(en.text).toContain("IPUS coordinator");
  });
});
