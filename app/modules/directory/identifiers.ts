/** Polish business identifiers: NIP (tax), REGON (statistical), KRS (court register). */

function weightedSum(digits: string, weights: readonly number[]): number {
  return weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0);
}

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const;
const REGON9_WEIGHTS = [8, 9, 2, 3, 4, 5, 6, 7] as const;
const REGON14_WEIGHTS = [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8] as const;

export function normaliseDigits(value: string): string {
  return value.replace(/[\s-]/g, "");
}

export function isValidNip(value: string): boolean {
  const nip = normaliseDigits(value);
  if (!/^\d{10}$/.test(nip)) return false;
  const check = weightedSum(nip, NIP_WEIGHTS) % 11;
  return check !== 10 && check === Number(nip[9]);
}

export function isValidRegon(value: string): boolean {
  const regon = normaliseDigits(value);
  if (/^\d{9}$/.test(regon)) return (weightedSum(regon, REGON9_WEIGHTS) % 11) % 10 === Number(regon[8]);
  if (/^\d{14}$/.test(regon)) return (weightedSum(regon, REGON14_WEIGHTS) % 11) % 10 === Number(regon[13]);
  return false;
}

/** KRS numbers have no checksum: ten digits, leading zeros kept. */
export function isValidKrs(value: string): boolean {
  return /^\d{10}$/.test(normaliseDigits(value));
}

/** Completes a 9-digit NIP prefix with its check digit, or null when no digit fits (demo data, tests). */
export function completeNip(first9: string): string | null {
  const check = weightedSum(first9, NIP_WEIGHTS) % 11;
  return check === 10 ? null : first9 + check;
}

export function completeRegon9(first8: string): string {
  return first8 + ((weightedSum(first8, REGON9_WEIGHTS) % 11) % 10);
}
