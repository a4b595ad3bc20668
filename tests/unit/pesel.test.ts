import { checkPesel, makePesel } from "~/modules/plans/pesel";

describe("PESEL", () => {
  it("accepts a valid PESEL and reads the birth date and sex", () => {
    expect(checkPesel("44051401359")).toEqual({ valid: true, birthDate: "1944-05-14", sex: "male" });
    expect(checkPesel("02270803624")).toEqual({ valid: true, birthDate: "2002-07-08", sex: "female" });
  });

  it("rejects a bad checksum, a bad length and an impossible date", () => {
    expect(checkPesel("44051401358")).toEqual({ valid: false, reason: "checksum" });
    expect(checkPesel("4405140135")).toEqual({ valid: false, reason: "format" });
    expect(checkPesel("4405140135a")).toEqual({ valid: false, reason: "format" });
    expect(checkPesel("44023101350").valid).toBe(false);
  });

  it("makes valid fictional PESELs for the demo", () => {
    for (const [date, sex] of [["1939-11-02", "male"], ["2015-04-17", "female"], ["1960-12-14", "female"]] as const) {
      const pesel = makePesel(date, 123, sex);
      expect(checkPesel(pesel)).toEqual({ valid: true, birthDate: date, sex });
    }
  });
});
