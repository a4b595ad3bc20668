import { en } from "~/locales/en";
import { pl } from "~/locales/pl";
import { formatDateTime, formatMoney } from "~/utils/format";
import { getT } from "~/utils/i18n";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("i18n", () => {
  it("has every Polish string in English and nothing extra", () => {
    expect(keys(en).sort()).toEqual(keys(pl).sort());
  });

  it("has no empty translation", () => {
    for (const key of keys(en)) expect(getT("en")(key as "app.name")).not.toBe("");
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
