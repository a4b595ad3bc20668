import { readCatalogueQuery } from "~/modules/directory/search-dictionary";

describe("reading a catalogue search in any of the portal's languages", () => {
  it.each([
    ["psychologist", "psycholog"],
    ["психолог", "psycholog"],
    ["психолога", "psycholog"],
    ["home care", "opiek"],
    ["догляд", "opiek"],
    ["handyman", "zlot"],
    ["дрібний ремонт", "zlot"],
    ["physiotherapy", "fizjoterap"],
  ])("%s is also searched as the Polish word", (typed, stem) => {
    const reading = readCatalogueQuery(typed);
    expect(reading.groups.some((group) => group.some((terms) => terms.includes(stem)))).toBe(true);
    expect(reading.unknown).toEqual([]);
  });

  it("keeps a Polish word as typed, so a Polish search finds what it found before", () => {
    expect(readCatalogueQuery("rehabilitacja").groups).toContainEqual(expect.arrayContaining([["rehabilitacj"]]));
    expect(readCatalogueQuery("złota rączka").groups.flat(2)).toEqual(expect.arrayContaining(["zlot", "raczk"]));
    expect(readCatalogueQuery("opieka").readAs).toEqual([]);
  });

  it("names a Cyrillic word it does not know instead of dropping it", () => {
    expect(readCatalogueQuery("бджола").unknown).toEqual(["бджола"]);
    expect(readCatalogueQuery("бджола").groups).toEqual([]);
  });
});
