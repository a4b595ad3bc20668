import { bankPaymentsCsv, elixirOFile, type BankPayer, type BankPayment } from "~/modules/settlements/bank-file";

const payer: BankPayer = { name: "Centrum Usług Społecznych w Gminie", address: "ul. Rynek 1, 00-950 Warszawa", nrb: "PL61 1090 1014 0000 0712 1981 2874" };
const payment: BankPayment = {
  amountGrosze: 123456,
  payeeName: "Spółdzielnia Socjalna Łąka",
  payeeAddress: "ul. Źródlana 5, 30-001 Kraków",
  payeeNrb: "13 1020 2964 0000 1234 5678 9012",
  title: "Usługi za styczeń",
  reference: "ROZ/2026/01/7",
  executionDate: "2026-02-10",
};

/** The file read back as a bank reads it: Windows-1250 text, one record a CRLF line, commas outside quotes split fields. */
function records(file: Buffer): string[][] {
  const text = new TextDecoder("windows-1250").decode(file);
  expect(text.endsWith("\r\n")).toBe(true);
  return text.slice(0, -2).split("\r\n").map(fields);
}

function fields(line: string): string[] {
  const out = [""];
  let inQuotes = false;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    if (ch === "," && !inQuotes) out.push("");
    else out[out.length - 1] += ch;
  }
  return out;
}

/** A quoted text field's lines. */
const linesOf = (field: string | undefined) => field!.replace(/^"|"$/g, "").split("|");

describe("Elixir-O bank file", () => {
  it("writes one 110 record a payment: 16 fields in order, the amount in grosze, lines ended by CRLF", () => {
    const file = elixirOFile(payer, [payment, { ...payment, amountGrosze: 5, reference: "ROZ/2026/01/8" }]);
    const text = new TextDecoder("windows-1250").decode(file);
    expect(text.match(/\r\n/g)).toHaveLength(2);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const [first, second] = records(file);
    expect(first).toEqual([
      "110",
      "20260210",
      "123456",
      "10901014",
      "0",
      '"61109010140000071219812874"',
      '"13102029640000123456789012"',
      '"Centrum Usług Społecznych w Gminie|ul. Rynek 1|00-950 Warszawa"',
      '"Spółdzielnia Socjalna Łąka|ul. Źródlana 5|30-001 Kraków"',
      "0",
      "10202964",
      '"ROZ/2026/01/7 Usługi za styczeń"',
      '""',
      '""',
      '"51"',
      '"ROZ/2026/01/7"',
    ]);
    expect(second?.[2]).toBe("5");
    expect(second?.[15]).toBe('"ROZ/2026/01/8"');
    expect(elixirOFile(payer, [])).toHaveLength(0);
  });

  it("encodes Polish letters as Windows-1250 bytes, and what that code page lacks as its base letter or '?'", () => {
    const file = elixirOFile(payer, [{ ...payment, payeeName: "Łukasz Żółć", payeeAddress: undefined, title: "ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ Ångström 😀" }]);
    expect(file.includes(Buffer.from([0xc5, 0x82]))).toBe(false); // "ł" in UTF-8
    expect(file.includes(Buffer.from('"\xa3ukasz \xaf\xf3\xb3\xe6"', "latin1"))).toBe(true); // "Łukasz Żółć"
    const polish = [0xb9, 0xe6, 0xea, 0xb3, 0xf1, 0xf3, 0x9c, 0x9f, 0xbf, 0x20, 0xa5, 0xc6, 0xca, 0xa3, 0xd1, 0xd3, 0x8c, 0x8f, 0xaf];
    expect(file.includes(Buffer.from(polish))).toBe(true); // ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ
    expect(linesOf(records(file)[0]![11]).join("")).toBe("ROZ/2026/01/7 ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ Angström ?");
  });

  it("splits a 60-character title into lines of 35 characters joined by '|', the reference first", () => {
    const title = "Usługi opiekuńcze w miejscu zamieszkania za styczeń 2026 rok";
    expect(title).toHaveLength(60);
    const [record] = records(elixirOFile(payer, [{ ...payment, reference: "R1", title }]));
    expect(record![11]).toBe('"R1 Usługi opiekuńcze w miejscu zami|eszkania za styczeń 2026 rok"');

    const long = linesOf(records(elixirOFile(payer, [{ ...payment, title: "x".repeat(300) }]))[0]![11]);
    expect(long).toHaveLength(4); // 4 × 35 at most: the rest is cut, the reference kept
    expect(long[0]).toMatch(/^ROZ\/2026\/01\/7 x+$/);
    expect(long.every((line) => line.length === 35)).toBe(true);
  });

  it("neutralises quotes, pipes and line breaks in names and titles", () => {
    const file = elixirOFile({ ...payer, name: 'Gmina "Nowa" | CUS' }, [
      { ...payment, payeeName: 'Fundacja "Razem", Oddział|Kraków', title: 'Usługi "asystenckie"\r\nza luty', reference: 'R"9' },
    ]);
    const [record] = records(file);
    expect(record).toHaveLength(16);
    expect(record![7]).toBe(`"Gmina 'Nowa' / CUS|ul. Rynek 1|00-950 Warszawa"`);
    expect(record![8]).toBe(`"Fundacja 'Razem', Oddział/Kraków|ul. Źródlana 5|30-001 Kraków"`);
    expect(record![11]).toBe(`"R'9 Usługi 'asystenckie' za luty"`);
    expect(record![15]).toBe(`"R'9"`);
  });

  it("refuses an invalid account, amount or date", () => {
    expect(() => elixirOFile(payer, [{ ...payment, payeeNrb: "13 1020 2964 0000 1234 5678 9013" }])).toThrow(/payee's account.*not a valid Polish account number/);
    expect(() => elixirOFile(payer, [{ ...payment, payeeNrb: "1310202964000012345678901" }])).toThrow(/NRB/); // 25 digits
    expect(() => elixirOFile({ ...payer, nrb: "DE89370400440532013000" }, [payment])).toThrow(/payer's account/);
    for (const amountGrosze of [0, -100, 12.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN]) {
      expect(() => elixirOFile(payer, [{ ...payment, amountGrosze }])).toThrow(/positive whole number of grosze/);
    }
    expect(() => elixirOFile(payer, [{ ...payment, executionDate: "2026-02-30" }])).toThrow(/YYYY-MM-DD/);
    expect(() => elixirOFile(payer, [{ ...payment, payeeName: ' "" ' }])).not.toThrow(); // quotes become text
    expect(() => elixirOFile(payer, [{ ...payment, payeeName: "  " }])).toThrow(/no name/);
    expect(() => bankPaymentsCsv(payer, [{ ...payment, payeeNrb: "123" }])).toThrow(/NRB/);
  });
});

describe("bank payments CSV", () => {
  it("opens in Polish Excel: a BOM, semicolons, Polish headers, decimal commas, one row a payment", () => {
    const csv = bankPaymentsCsv(payer, [payment, { ...payment, amountGrosze: 5, payeeName: "Jan Kowalski", payeeAddress: undefined, reference: "ROZ/2026/01/8" }]);
    expect(csv.startsWith("\ufeff")).toBe(true);
    const rows = csv.slice(1).split("\r\n");
    expect(rows).toEqual([
      "Data wykonania;Kwota (zł);Odbiorca;Adres odbiorcy;Rachunek odbiorcy;Tytuł przelewu;Referencja;Rachunek zleceniodawcy",
      "2026-02-10;1234,56;Spółdzielnia Socjalna Łąka;ul. Źródlana 5, 30-001 Kraków;13 1020 2964 0000 1234 5678 9012;Usługi za styczeń;ROZ/2026/01/7;61 1090 1014 0000 0712 1981 2874",
      "2026-02-10;0,05;Jan Kowalski;;13 1020 2964 0000 1234 5678 9012;Usługi za styczeń;ROZ/2026/01/8;61 1090 1014 0000 0712 1981 2874",
      "",
    ]);
  });
});
