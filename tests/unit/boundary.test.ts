import { z } from "zod";
import { parseInput, sameOriginPath } from "~/modules/kernel/boundary.server";
import { addDays, isCalendarDate, mondayOf, warsawDate, warsawInstant } from "~/modules/kernel/dates";
import { crossCheck, date, decimal, id, int, many, money } from "~/modules/kernel/input";
import { csvDocument, neutraliseFormula } from "~/utils/csv";

const REQUEST = "https://cus.borkow.pl/sign-in";

describe("redirects after sign-in or a language switch stay on the site", () => {
  it("keeps paths of this site, with their query", () => {
    expect(sameOriginPath("/coordinator/plans/1?saved=goal", REQUEST)).toBe("/coordinator/plans/1?saved=goal");
    expect(sameOriginPath("/", REQUEST, "/x")).toBe("/");
  });

  it("refuses every way out: scheme-relative, backslash, tab or newline tricks, another origin, no path", () => {
    for (const next of ["//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "https://evil.example/", "evil.example", "javascript:alert(1)", "", 42]) {
      expect(sameOriginPath(next, REQUEST, "/fallback")).toBe("/fallback");
    }
  });
});

describe("the boundary's words", () => {
  it("a date is a real calendar day in range", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    for (const bad of ["2026-02-29", "2026-02-31", "2026-13-01", "0000-01-01", "NaN", "-1", "2026-1-1", "31.12.2026"]) expect(isCalendarDate(bad)).toBe(false);
    expect(date().safeParse("1899-12-31").success).toBe(false);
    expect(date({ max: "2026-12-31" }).safeParse("2027-01-01").success).toBe(false);
  });

  it("numbers are digits only, within their range", () => {
    const seats = int({ min: 1, max: 1000 });
    expect(seats.parse("12")).toBe(12);
    for (const bad of ["NaN", "Infinity", "1e309", "0x10", "1.5", "-1", "", "99999999999999999999"]) expect(seats.safeParse(bad).success).toBe(false);
    const units = decimal({ min: 0.01, max: 1000 });
    expect(units.parse("1,5")).toBe(1.5);
    expect(units.safeParse("1.555").success).toBe(false);
    expect(money().parse("1 234,56 zł")).toBe(123_456);
    expect(money().safeParse("12,345").success).toBe(false);
  });

  it("an id is a uuid, a list is always a list", () => {
    expect(id().safeParse("x").success).toBe(false);
    expect(id().parse(" 3f0c8e2a-4b1d-4c6e-9a7b-2d5e8f1a0b3c ")).toBe("3f0c8e2a-4b1d-4c6e-9a7b-2d5e8f1a0b3c");
    expect(many(int({ min: 1, max: 7 })).parse("2")).toEqual([2]);
    expect(many(int({ min: 1, max: 7 })).parse(undefined)).toEqual([]);
  });

  it("a rule across fields runs only once every field parsed", () => {
    let ran = 0;
    const period = crossCheck(z.object({ from: date(), to: date() }), () => {
      ran += 1;
    });
    expect(period.safeParse({ from: "", to: "2026-05-01" }).success).toBe(false);
    expect(ran).toBe(0);
    expect(period.safeParse({ from: "2026-01-01", to: "2026-05-01" }).success).toBe(true);
    expect(ran).toBe(1);
  });

  it("NUL bytes and files are refused on their field; every mistake is shown at once; passwords are never echoed", () => {
    const schema = z.object({ name: z.string().min(2, "name"), email: z.string().min(3, "email"), password: z.string() });
    const parsed = parseInput({ name: "A\u0000", email: "x", password: "secret" }, schema, new Set(["avatar"]));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({ name: "input.nul", email: "email", avatar: "input.file" });
    expect(parsed.values).toEqual({ name: "A", email: "x" });
  });
});

describe("Warsaw days", () => {
  it("today is Warsaw's: 23:30 UTC on 31 December is already 1 January in Poland", () => {
    expect(warsawDate(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(warsawInstant("2026-03-29", 9 * 60).toISOString()).toBe("2026-03-29T07:00:00.000Z");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(mondayOf("2026-12-06")).toBe("2026-11-30");
  });
});

describe("CSV exports", () => {
  it("a cell that a spreadsheet would run as a formula is written as text", () => {
    for (const formula of ["=HYPERLINK(\"https://evil.example\",\"x\")", "+48 600", "-1+1", "@SUM(A1)", "\tx", "\rx"]) expect(neutraliseFormula(formula)).toBe(`'${formula}`);
    expect(neutraliseFormula("Opieka wytchnieniowa")).toBe("Opieka wytchnieniowa");
    const csv = csvDocument([["nazwa", "cena"], ["=1+1", 150]]);
    expect(csv.startsWith("\ufeff")).toBe(true);
    expect(csv).toContain("'=1+1;150");
  });
});
