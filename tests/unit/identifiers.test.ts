import { completeNip, completeRegon9, isValidKrs, isValidNip, isValidRegon } from "~/modules/directory/identifiers";
import { isUuid } from "~/modules/kernel/ids";

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

describe("ids from URLs and forms", () => {
  it("accepts only a well-formed uuid, so a malformed one is 'not found' rather than a database error", () => {
    expect(isUuid("0b7c9a52-4a8e-4f3e-9c55-1f2a3b4c5d6e")).toBe(true);
    expect(isUuid("0B7C9A52-4A8E-4F3E-9C55-1F2A3B4C5D6E")).toBe(true);
    expect(isUuid("0".repeat(36))).toBe(false);
    expect(isUuid("-".repeat(36))).toBe(false);
    expect(isUuid("0b7c9a52-4a8e-4f3e-9c55-1f2a3b4c5d6")).toBe(false);
    expect(isUuid(undefined)).toBe(false);
  });
});
