import iconv from "iconv-lite";
import { formatNrb, isValidNrb } from "~/modules/kernel/nrb";
import { csvDocument } from "~/utils/csv";
import { groszeToInput } from "~/utils/money";

/*
 * The payment file a gmina treasury imports into its bank to pay providers their monthly statements.
 *
 * Elixir-O, one "110" (polecenie przelewu) record a line, 16 comma-separated fields:
 *   1 110 · 2 execution date YYYYMMDD · 3 amount in grosze · 4 payer's bank settlement number (NRB digits 3–10)
 *   · 5 0 · 6 "payer's NRB" · 7 "payee's NRB" · 8 "payer's name|address" (≤ 4 × 35) · 9 "payee's name|address"
 *   · 10 0 · 11 payee's bank settlement number · 12 "title" (≤ 4 × 35) · 13 "" · 14 "" · 15 "51" (classification:
 *   an ordinary transfer) · 16 "additional information" (the client's reference).
 * Text fields in double quotes, the lines of a field joined by "|", records ended by CRLF, no header or footer,
 * Windows-1250. Followed: Alior Bank's "Import danych do systemu Bankowości Elektronicznej Alior Bank" and its
 * "Opis formatu pliku płatności krajowych PLI" (general rules, CP1250, quoting, "|", CRLF; both say they follow
 * KIR's Elixir message format), mBank's import-przelewów page (Elixir-0; UTF-8, WIN1250 or CP852 accepted), and
 * the field order as two public Elixir-0 implementations lay it out (a Spring Batch Elixir0Transaction and a KSeF
 * to Elixir-0 converter's field table).
 */

export type BankPayer = { name: string; address?: string; nrb: string };
export type BankPayment = {
  amountGrosze: number;
  payeeName: string;
  payeeAddress?: string;
  payeeNrb: string;
  title: string;
  reference: string;
  executionDate: string; // YYYY-MM-DD
};

const LINE = 35; // an Elixir text line
const LINES = 4;

/** 26 digits, or a thrown Error: a wrong account in a bank file sends real money astray. */
function nrbOf(raw: string, what: string): string {
  const digits = raw.replace(/[\s-]/g, "").toUpperCase().replace(/^PL/, ""); // as the nrb() form field reads it
  if (!isValidNrb(digits)) throw new Error(`${what}: "${raw}" is not a valid Polish account number (NRB)`);
  return digits;
}

function checked(payment: BankPayment, index: number) {
  const what = `Payment ${index + 1} (${payment.reference})`;
  if (!Number.isSafeInteger(payment.amountGrosze) || payment.amountGrosze <= 0) {
    throw new Error(`${what}: amount ${payment.amountGrosze} is not a positive whole number of grosze`);
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(payment.executionDate);
  const day = date ? new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]))) : null;
  if (!day || day.toISOString().slice(0, 10) !== payment.executionDate) {
    throw new Error(`${what}: execution date "${payment.executionDate}" is not a YYYY-MM-DD date`);
  }
  if (!clean(payment.payeeName)) throw new Error(`${what}: the payee has no name`);
  return { ...payment, payeeNrb: nrbOf(payment.payeeNrb, `${what}, payee's account`) };
}

/** A character Windows-1250 has, or its base letter ("ø" has none: "?"), so no text turns into mojibake. */
function cp1250Char(ch: string): string {
  if (ch <= "\x7f" || ch === "?" || iconv.encode(ch, "win1250")[0] !== 0x3f) return ch;
  return ch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]/gu, "?") || "?";
}

/** One line of text that cannot break the record: '"' ends a field and '|' a line, so they become ' and /. */
function clean(text: string | undefined): string {
  const flat = (text ?? "").normalize("NFC").replace(/"/g, "'").replace(/\|/g, "/").replace(/[\s\p{Cc}]+/gu, " ").trim();
  return Array.from(flat, cp1250Char).join("");
}

/** Up to 4 lines of 35 characters joined by "|"; each part starts a line, longer parts are cut every 35. */
function lines(parts: (string | undefined)[]): string {
  const out = parts.map(clean).filter(Boolean).flatMap((part) => part.match(new RegExp(`.{1,${LINE}}`, "gu")) ?? []);
  return out.slice(0, LINES).map((line) => line.trim()).join("|");
}

/** An address's comma- or newline-separated parts, each on its own line. */
const addressLines = (address: string | undefined) => (address ?? "").split(/[,\n]/);

const quoted = (text: string) => `"${text}"`;

/** The Elixir-O file, Windows-1250 bytes; throws on an invalid account, amount or date. */
export function elixirOFile(payer: BankPayer, payments: BankPayment[]): Buffer {
  const payerNrb = nrbOf(payer.nrb, "The payer's account");
  if (!clean(payer.name)) throw new Error("The payer has no name");
  const payerLines = lines([payer.name, ...addressLines(payer.address)]);
  const records = payments.map(checked).map((p) =>
    [
      "110",
      p.executionDate.replace(/-/g, ""),
      String(p.amountGrosze),
      payerNrb.slice(2, 10),
      "0",
      quoted(payerNrb),
      quoted(p.payeeNrb),
      quoted(payerLines),
      quoted(lines([p.payeeName, ...addressLines(p.payeeAddress)])),
      "0",
      p.payeeNrb.slice(2, 10),
      // The reference first, so it survives the 4 × 35 cut and the provider can match the money to its statement.
      quoted(lines([`${clean(p.reference)} ${clean(p.title)}`])),
      quoted(""),
      quoted(""),
      quoted("51"),
      quoted(clean(p.reference).slice(0, LINE)),
    ].join(","),
  );
  return iconv.encode(records.map((record) => `${record}\r\n`).join(""), "win1250");
}

/** The same payments as a sheet the treasury can check before it imports the file (accounts spaced, so Excel keeps them as text). */
export function bankPaymentsCsv(payer: BankPayer, payments: BankPayment[]): string {
  const payerNrb = nrbOf(payer.nrb, "The payer's account");
  const rows = payments
    .map(checked)
    .map((p) => [p.executionDate, groszeToInput(p.amountGrosze), p.payeeName, p.payeeAddress ?? "", formatNrb(p.payeeNrb), p.title, p.reference, formatNrb(payerNrb)]);
  return csvDocument([["Data wykonania", "Kwota (zł)", "Odbiorca", "Adres odbiorcy", "Rachunek odbiorcy", "Tytuł przelewu", "Referencja", "Rachunek zleceniodawcy"], ...rows]);
}
