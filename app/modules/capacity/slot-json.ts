import type { SlotRow } from "./slots.server";
import { warsawLocalIso } from "./calendar-query";

/** A slot as the calendars receive it: instants, plus Warsaw wall-clock times the calendar shows as they are. */
export type SlotJson = {
  id: string;
  offerId: string;
  offerName: string;
  providerId: string | null;
  providerName: string | null;
  locationName: string | null;
  gminaName: string | null;
  startsAt: string;
  endsAt: string;
  localStart: string;
  localEnd: string;
  wholeDay: boolean;
  capacity: number;
  booked: number;
  held: number;
  free: number;
  closed: boolean;
};

export function toSlotJson(r: SlotRow): SlotJson {
  return {
    id: r.slotId,
    offerId: r.offerId,
    offerName: r.offerName,
    providerId: r.providerId,
    providerName: r.providerName,
    locationName: r.locationName,
    gminaName: r.gminaName,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    localStart: warsawLocalIso(r.startsAt),
    localEnd: warsawLocalIso(r.endsAt),
    wholeDay: r.wholeDay,
    capacity: r.capacity,
    booked: r.booked,
    held: r.held,
    free: Math.max(0, r.free),
    closed: r.closed,
  };
}
