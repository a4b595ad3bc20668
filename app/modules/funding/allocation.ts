import { mulDivRound } from "~/modules/billing/copay-engine";

/*
 * How one delivered unit's cost is paid, to the grosz: the resident's co-payment first, then fixed amounts per
 * unit, then shares of what is left (by the largest remainder, so the parts always add up to the whole); a
 * source whose ceiling for the period is reached takes what room it has and the rest spills to the next source
 * in the split's order. What no source can take is "unfunded" — flagged for finance, never lost. Pure.
 */

export type SplitLine = {
  sourceId: string;
  /** A share of what is left after the co-payment and fixed amounts, in basis points (all shares sum to 10000). */
  shareBp?: number;
  /** Or a fixed amount per unit, in grosze. */
  fixedPerUnitGrosze?: number;
  /** Room left under the source's ceiling for the period, in grosze; null for no ceiling. */
  roomGrosze: number | null;
};

export type AllocationInput = {
  /** The unit's cost: the contract's tariff × units delivered, in grosze. */
  costGrosze: number;
  unitsHundredths: number;
  copayGrosze: number;
  split: SplitLine[];
};

export type Allocation = { copayGrosze: number; bySource: { sourceId: string; amountGrosze: number }[]; unfundedGrosze: number };

/** Integer parts of `total` in proportion to `weights`, summing exactly to `total` (largest remainder). */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum === 0 || total === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (BigInt(total) * BigInt(w)));
  const floors = exact.map((e) => Number(e / BigInt(sum)));
  let left = total - floors.reduce((s, f) => s + f, 0);
  const order = exact.map((e, i) => ({ i, rem: Number(e % BigInt(sum)) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return floors;
}

export function allocateUnit(input: AllocationInput): Allocation {
  const copay = Math.max(0, Math.min(input.copayGrosze, input.costGrosze));
  let rest = input.costGrosze - copay;
  const wanted = new Map<string, number>();
  // Fixed amounts per unit first, in the split's order, never more than what is left.
  for (const line of input.split) {
    if (line.fixedPerUnitGrosze === undefined) continue;
    const amount = Math.min(rest, mulDivRound(line.fixedPerUnitGrosze, input.unitsHundredths, 100));
    wanted.set(line.sourceId, (wanted.get(line.sourceId) ?? 0) + amount);
    rest -= amount;
  }
  const shares = input.split.filter((l) => l.shareBp !== undefined);
  apportion(rest, shares.map((l) => l.shareBp!)).forEach((amount, i) => wanted.set(shares[i]!.sourceId, (wanted.get(shares[i]!.sourceId) ?? 0) + amount));

  // Ceilings: each source takes what room it has; the excess moves on to the next source with room.
  const bySource = input.split.map((l) => ({ sourceId: l.sourceId, amountGrosze: 0 }));
  const room = input.split.map((l) => (l.roomGrosze === null ? Number.POSITIVE_INFINITY : Math.max(0, l.roomGrosze)));
  let spill = 0;
  input.split.forEach((line, i) => {
    const want = (wanted.get(line.sourceId) ?? 0) + spill;
    wanted.set(line.sourceId, 0);
    const take = Math.min(want, room[i]!);
    bySource[i]!.amountGrosze += take;
    room[i]! -= take;
    spill = want - take;
  });
  // What still spills after the last source goes back to any earlier source with room, in order.
  for (let i = 0; i < bySource.length && spill > 0; i++) {
    const take = Math.min(spill, room[i]!);
    bySource[i]!.amountGrosze += take;
    room[i]! -= take;
    spill -= take;
  }
  // Whatever no line took (no shares in the split, or none at all) is unfunded too: the parts always make the cost.
  const funded = bySource.reduce((s, b) => s + b.amountGrosze, 0);
  return { copayGrosze: copay, bySource: bySource.filter((b) => b.amountGrosze > 0), unfundedGrosze: input.costGrosze - copay - funded };
}
