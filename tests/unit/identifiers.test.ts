import { completeNip, completeRegon9, isValidKrs, isValidNip, isValidRegon } from "~/modules/directory/identifiers";

describe("Polish business identifiers", () => {
  it("checks NIP by its checksum", () => {
    expect(isValidNip("5260250274")).toBe(true);
    expect(isValidNip("526-025-02-74")).toBe(true);
    expect(isValidNip("5260250275")).toBe(false);
    expect(isValidNip("12345")).toBe(false);
  });

  it("checks 9- and 14-digit REGON", () => {
    expect(isValidRegon("000331501")).toBe(true);
    expect(isValidRegon("000331502")).toBe(false);
    expect(isValidRegon("12345678512347")).toBe(true);
  });

  it("accepts ten-digit KRS numbers only", () => {
    expect(isValidKrs("0000512345")).toBe(true);
    expect(isValidKrs("512345")).toBe(false);
  });

  it("completes check digits for demo data", () => {
    expect(isValidNip(completeNip("712301451") ?? "")).toBe(true);
    expect(isValidRegon(completeRegon9("36105247"))).toBe(true);
  });
});
