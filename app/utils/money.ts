/** Parses an amount typed in złoty ("150", "150,5", "1 234,56 zł") to integer grosze, or null. */
export function parsePlnToGrosze(input: string): number | null {
  const cleaned = input.replace(/zł/gi, "").replace(/[\s\u00a0]/g, "").replace(",", ".");
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, fraction = ""] = cleaned.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/** Grosze as a złoty amount for a form field: 15050 → "150,50". */
export function groszeToInput(grosze: number): string {
  return `${Math.trunc(grosze / 100)},${String(grosze % 100).padStart(2, "0")}`;
}
