import Holidays from "date-holidays";

const poland = new Holidays("PL");
const byYear = new Map<number, Map<string, string>>();

/** Polish statutory public holidays (dni ustawowo wolne od pracy) of a year: ISO date → Polish name. */
export function polishPublicHolidays(year: number): Map<string, string> {
  let days = byYear.get(year);
  if (!days) {
    days = new Map(
      poland
        .getHolidays(year, "pl")
        .filter((h) => h.type === "public")
        .map((h) => [h.date.slice(0, 10), h.name] as const),
    );
    byYear.set(year, days);
  }
  return days;
}

export function isPolishPublicHoliday(isoDate: string): boolean {
  return polishPublicHolidays(Number(isoDate.slice(0, 4))).has(isoDate);
}
