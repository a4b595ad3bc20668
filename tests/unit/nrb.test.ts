import { nrb } from "~/modules/kernel/input";
import { formatNrb, isValidNrb } from "~/modules/kernel/nrb";

describe("Polish bank account numbers (NRB)", () => {
  it("accepts 26 digits whose check digits match, with or without PL and spaces, and refuses the rest", () => {
    expect(nrb().safeParse("61 1090 1014 0000 0712 1981 2874").data).toBe("61109010140000071219812874");
    expect(nrb().safeParse("PL61109010140000071219812874").data).toBe("61109010140000071219812874");
    expect(nrb().safeParse("61 1090 1014 0000 0712 1981 2875").success).toBe(false); // one digit wrong
    expect(nrb().safeParse("6110901014000007121981287").success).toBe(false); // 25 digits
    expect(nrb().safeParse("DE89370400440532013000").success).toBe(false); // not Polish
    expect(isValidNrb("00000000000000000000000000")).toBe(false);
    expect(formatNrb("61109010140000071219812874")).toBe("61 1090 1014 0000 0712 1981 2874");
  });
});
