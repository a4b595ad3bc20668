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

  it("renders a booking series for the resident with every date in Warsaw time, and a cancellation for the provider", async () => {
    const props = {
      centreName: "MCUS Borków",
      offerName: "Wsparcie psychologiczne",
      providerName: "Fundacja Pomocna Dłoń",
      residentName: "Stanisława Jabłońska",
      place: "Biuro Fundacji, ul. Ogrodowa 5, Borków",
      startsAt: ["2026-12-01T08:00:00.000Z", "2026-12-08T08:00:00.000Z", "2026-12-15T08:00:00.000Z"],
      reason: null,
    };
    const series = await renderEmail("booking-notice", { ...props, locale: "pl", audience: "resident", recipientName: "Stanisława", kind: "series" });
    expect(series.subject).toBe("Rezerwacja serii: Wsparcie psychologiczne");
    expect(series.text).toContain("Zarezerwowaliśmy dla Ciebie 3 terminy");
    expect(series.text).toContain("09:00");
    expect(series.text).not.toContain("08:00");
    const cancelled = await renderEmail("booking-notice", { ...props, startsAt: [props.startsAt[0]!], reason: "Choroba", locale: "pl", audience: "provider", recipientName: null, kind: "cancelled" });
    expect(cancelled.text).toContain("Rezerwacja odwołana: Wsparcie psychologiczne dla Stanisława Jabłońska");
    expect(cancelled.text).toContain("Powód: Choroba");
  });

  it("tells a Ukrainian-speaking resident in Ukrainian that a visit moved, with the new and the old time", async () => {
    const changed = await renderEmail("booking-notice", {
      centreName: "MCUS Borków",
      offerName: "Wsparcie psychologiczne",
      providerName: "Fundacja Pomocna Dłoń",
      residentName: "Olena Kovalenko",
      place: null,
      startsAt: ["2026-12-08T08:00:00.000Z"],
      previousStartsAt: "2026-12-01T08:00:00.000Z",
      reason: "Choroba psychologa",
      locale: "uk",
      audience: "resident",
      recipientName: "Olena",
      kind: "changed",
    });
    expect(changed.subject).toBe("Зміна часу: Wsparcie psychologiczne");
    expect(changed.text).toContain("Добрий день, Olena");
    expect(changed.text).toContain("Ми змінили час вашого візиту");
    expect(changed.text).toMatch(/8 груд.*09:00/);
    expect(changed.text).toMatch(/Попередній час \(1 груд.*09:00\) скасовано/);
  });
});
