import { allocateUnit, apportion, type SplitLine } from "~/modules/funding/allocation";

const eu85gmina15 = (euRoom: number | null = null, gminaRoom: number | null = null): SplitLine[] => [
  { sourceId: "eu", shareBp: 8_500, roomGrosze: euRoom },
  { sourceId: "gmina", shareBp: 1_500, roomGrosze: gminaRoom },
];

describe("allocating a delivered unit to its funding sources", () => {
  const cases: Array<[string, Parameters<typeof allocateUnit>[0], { copay: number; eu?: number; gmina?: number; gov?: number; unfunded: number }]> = [
    ["85 % EU / 15 % gmina of 100 zł with a 20 zł co-payment", { costGrosze: 10_000, unitsHundredths: 100, copayGrosze: 2_000, split: eu85gmina15() }, { copay: 2_000, eu: 6_800, gmina: 1_200, unfunded: 0 }],
    ["the EU ceiling reached: what is over spills to the gmina", { costGrosze: 10_000, unitsHundredths: 100, copayGrosze: 2_000, split: eu85gmina15(5_000) }, { copay: 2_000, eu: 5_000, gmina: 3_000, unfunded: 0 }],
    ["an odd grosz goes by the largest remainder: 85/15 of 33.33 zł", { costGrosze: 3_333, unitsHundredths: 100, copayGrosze: 0, split: eu85gmina15() }, { copay: 0, eu: 2_833, gmina: 500, unfunded: 0 }],
    ["thirds of 1.00 zł never make or lose a grosz", { costGrosze: 100, unitsHundredths: 100, copayGrosze: 0, split: [{ sourceId: "eu", shareBp: 3_334, roomGrosze: null }, { sourceId: "gmina", shareBp: 3_333, roomGrosze: null }, { sourceId: "gov", shareBp: 3_333, roomGrosze: null }] }, { copay: 0, eu: 34, gmina: 33, gov: 33, unfunded: 0 }],
    ["a fixed 30 zł an hour from a government programme, the rest by shares, 1.5 h", { costGrosze: 15_000, unitsHundredths: 150, copayGrosze: 0, split: [{ sourceId: "gov", fixedPerUnitGrosze: 3_000, roomGrosze: null }, ...eu85gmina15()] }, { copay: 0, gov: 4_500, eu: 8_925, gmina: 1_575, unfunded: 0 }],
    ["a co-payment above the cost pays only the cost", { costGrosze: 1_500, unitsHundredths: 100, copayGrosze: 2_000, split: eu85gmina15() }, { copay: 1_500, unfunded: 0 }],
    ["every ceiling reached: the rest is unfunded, flagged, never lost", { costGrosze: 10_000, unitsHundredths: 100, copayGrosze: 0, split: eu85gmina15(3_000, 1_000) }, { copay: 0, eu: 3_000, gmina: 1_000, unfunded: 6_000 }],
    ["no split yet: all but the co-payment is unfunded, flagged, never lost", { costGrosze: 10_000, unitsHundredths: 100, copayGrosze: 2_000, split: [] }, { copay: 2_000, unfunded: 8_000 }],
    ["only a fixed amount below the cost: the rest is unfunded", { costGrosze: 10_000, unitsHundredths: 100, copayGrosze: 0, split: [{ sourceId: "gov", fixedPerUnitGrosze: 3_000, roomGrosze: null }] }, { copay: 0, gov: 3_000, unfunded: 7_000 }],
    ["the gmina's ceiling reached: its excess goes back to the EU project's room", { costGrosze: 10_000, unitsHundredths: 100, copayGrosze: 0, split: eu85gmina15(null, 500) }, { copay: 0, eu: 9_500, gmina: 500, unfunded: 0 }],
  ];
  it.each(cases)("%s", (_name, input, expected) => {
    const result = allocateUnit(input);
    const of = (id: string) => result.bySource.find((b) => b.sourceId === id)?.amountGrosze;
    expect({ copay: result.copayGrosze, eu: of("eu"), gmina: of("gmina"), gov: of("gov"), unfunded: result.unfundedGrosze }).toEqual({ eu: undefined, gmina: undefined, gov: undefined, ...expected });
    // The parts always add up to the cost, to the grosz.
    expect(result.copayGrosze + result.bySource.reduce((s, b) => s + b.amountGrosze, 0) + result.unfundedGrosze).toBe(input.costGrosze);
  });

  it("apportions any total exactly, for many totals and weights", () => {
    for (let total = 0; total < 2_000; total += 7) {
      for (const weights of [[1, 1, 1], [8_500, 1_500], [1, 2, 3, 4], [9_999, 1]]) {
        expect(apportion(total, weights).reduce((s, x) => s + x, 0)).toBe(total);
      }
    }
  });
});
