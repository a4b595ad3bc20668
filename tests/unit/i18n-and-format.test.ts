import { en } from "~/locales/en";
import { pl } from "~/locales/pl";
import { uk } from "~/locales/uk";
import { ukCatalogue } from "~/locales/uk-catalogue";
import { formatDateTime, formatMoney } from "~/utils/format";
import { getT } from "~/utils/i18n";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("i18n", () => {
  it("gives every Polish plural all four forms, so 10 is 'terminów' and never a raw key", () => {
    const all = new Set(keys(pl));
    const plurals = [...all].filter((k) => k.endsWith("_one")).map((k) => k.slice(0, -4));
    expect(plurals.filter((base) => ["few", "many", "other"].some((form) => !all.has(`${base}_${form}`)))).toEqual([]);
    const t = getT("pl");
    expect(t("booking.seriesPartly", { booked: 5, count: 10 })).toMatch(/^Zarezerwowano 5 z 10 terminów\./);
    expect(t("booking.seriesBooked", { count: 3 })).toBe("Zarezerwowano całą serię: 3 terminy.");
  });

  it("has every Polish string in English and nothing extra", () => {
    expect(keys(en).sort()).toEqual(keys(pl).sort());
  });

  it("has no empty translation", () => {
    for (const key of keys(en)) expect(getT("en")(key as "app.name")).not.toBe("");
  });

  it("has Ukrainian for everything a resident reads, and only keys that exist in Polish", () => {
    const polish = new Set(keys(pl));
    for (const key of [...keys(uk), ...keys(ukCatalogue)]) expect(polish.has(key), key).toBe(true);
    // Whole areas a resident meets: signing in, errors, their calendar, their printed plan, their emails.
    const ukrainian = [...keys(uk), ...keys(ukCatalogue)];
    for (const area of ["signIn", "forgot", "reset", "errors", "feed", "print", "email", "units", "weekdays", "catalogue", "areas", "targetGroups", "deliveryModes", "accessibility"] as const) {
      const missing = keys(pl[area], area).filter((k) => !ukrainian.includes(k) && !k.startsWith("email.booking.provider") && !k.startsWith("email.booking.coordinator"));
      expect(missing, area).toEqual([]);
    }
    // Untranslated staff screens fall back to Polish, never to a raw key.
    expect(getT("uk")("plans.approve")).toBe(getT("pl")("plans.approve"));
    // The catalogue's file and the resident's file both add to `home`: neither hides the other.
    expect(getT("uk")("home.myData")).toBe("Мої дані");
    expect(getT("uk")("home.website")).not.toBe(getT("pl")("home.website"));
    expect(getT("uk")("catalogue.results", { count: 5 })).toBe("Знайдено 5 послуг");
    expect(getT("uk")("email.booking.resident.series", { count: 5, offer: "Психолог", provider: "Фундація" })).toBe("Ми забронювали для вас 5 термінів: Психолог (Фундація).");
  });

  it("translates with interpolation in both languages", () => {
    expect(getT("pl")("home.welcome", { name: "Anna" })).toBe("Dzień dobry, Anna");
    expect(getT("en")("home.welcome", { name: "Anna" })).toBe("Hello, Anna");
  });
});

describe("formatting for Poland", () => {
  it("formats grosze as złoty", () => {
    expect(formatMoney(12345)).toMatch(/^123,45\s?zł$/);
    expect(() => formatMoney(1.5)).toThrow();
  });

  it("shows times in Europe/Warsaw across DST", () => {
    expect(formatDateTime("2026-07-01T08:00:00Z")).toContain("10:00");
    expect(formatDateTime("2026-11-23T08:00:00Z")).toContain("09:00");
  });
});
