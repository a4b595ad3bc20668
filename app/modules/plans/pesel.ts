/**
 * PESEL: 11 digits; digits 1–6 are the birth date (the month carries the century),
 * digit 11 a checksum with weights 1-3-7-9.
 */
const WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3] as const;

export type PeselCheck =
  | { valid: true; birthDate: string; sex: "female" | "male" }
  | { valid: false; reason: "format" | "checksum" | "date" };

export function peselChecksumDigit(first10: string): number {
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(first10[i]), 0);
  return (10 - (sum % 10)) % 10;
}

export function checkPesel(input: string): PeselCheck {
  const pesel = input.trim();
  if (!/^\d{11}$/.test(pesel)) return { valid: false, reason: "format" };
  if (peselChecksumDigit(pesel.slice(0, 10)) !== Number(pesel[10])) return { valid: false, reason: "checksum" };
  const yy = Number(pesel.slice(0, 2));
  const mmRaw = Number(pesel.slice(2, 4));
  const dd = Number(pesel.slice(4, 6));
  const centuryOffset = [
    [80, 1800],
    [60, 2200],
    [40, 2100],
    [20, 2000],
    [0, 1900],
  ] as const;
  const [offset, century] = centuryOffset.find(([o]) => mmRaw > o && mmRaw - o <= 12) ?? [-1, -1];
  if (offset < 0) return { valid: false, reason: "date" };
  const month = mmRaw - offset;
  const year = century + yy;
  const date = new Date(Date.UTC(year, month - 1, dd));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== dd) return { valid: false, reason: "date" };
  const birthDate = `${year}-${String(month).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
  return { valid: true, birthDate, sex: Number(pesel[9]) % 2 === 0 ? "female" : "male" };
}

/** Builds a valid PESEL for a birth date and serial (demo data and tests only). */
export function makePesel(birthDate: string, serial: number, sex: "female" | "male"): string {
  const [y, m, d] = birthDate.split("-").map(Number) as [number, number, number];
  const monthOffset = y >= 2000 && y < 2100 ? 20 : y >= 1800 && y < 1900 ? 80 : 0;
  const serial3 = String(serial % 1000).padStart(3, "0");
  let sexDigit = serial % 10;
  if ((sexDigit % 2 === 0) !== (sex === "female")) sexDigit = (sexDigit + 1) % 10;
  const first10 =
    String(y % 100).padStart(2, "0") + String(m + monthOffset).padStart(2, "0") + String(d).padStart(2, "0") + serial3 + sexDigit;
  return first10 + peselChecksumDigit(first10);
}
