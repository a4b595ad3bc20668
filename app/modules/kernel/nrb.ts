import { isValidIBAN } from "ibantools";

/** Whether 26 digits are a valid Polish account number (the IBAN without "PL", checked mod 97). */
export function isValidNrb(digits: string): boolean {
  return /^\d{26}$/.test(digits) && isValidIBAN(`PL${digits}`);
}

/** 26 digits as banks print them: "61 1090 1014 0000 0712 1981 2874". */
export function formatNrb(digits: string): string {
  return `${digits.slice(0, 2)} ${digits.slice(2).replace(/(\d{4})(?=\d)/g, "$1 ")}`;
}
