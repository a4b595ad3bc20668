import { normaliseSearchText, searchTerms } from "~/modules/kernel/search-text";

describe("catalogue search text", () => {
  it("ignores case and Polish diacritics, ł included", () => {
    expect(normaliseSearchText("Złota Rączka – ŁÓDŹ, Opieka")).toBe("zlota raczka – lodz, opieka");
  });

  it("matches inflected forms: a typed word loses its final vowel", () => {
    expect(searchTerms("zlota raczka")).toEqual(["zlot", "raczk"]);
    const stored = normaliseSearchText("Usługi „złotej rączki”");
    for (const term of searchTerms("złota rączka")) expect(stored).toContain(term);
    for (const term of searchTerms("opieka")) expect(normaliseSearchText("Usługi opiekuńcze")).toContain(term);
  });

  it("drops one-letter words and caps the number of terms", () => {
    expect(searchTerms("a b psycholog")).toEqual(["psycholog"]);
    expect(searchTerms("one two three four five six seven eight nine ten")).toHaveLength(8);
  });
});
