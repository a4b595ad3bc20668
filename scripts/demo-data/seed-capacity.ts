/**
 * Demo capacity: a realistic month of availability for every published demo offer, shaped by what the offer
 * is (a psychologist's sessions, a carer's visits, a club's group class, a day-care centre's places), one
 * provider's closure for staff training, and the slots materialised from them. Idempotent like seed.ts.
 */
import { TZDate } from "@date-fns/tz";
import { addDays, formatISO } from "date-fns";
import { materialiseOfferSlots } from "../../app/modules/capacity/slots.server";
import type { Database } from "../../db/client";
import { availabilityExceptions, availabilityRules } from "../../db/schema";
import { demoOffers, type DemoOffer } from "./seed-offers";
import { clock } from "../../app/modules/kernel/clock.server";

type DemoRule = { weekdays: number[]; startTime: string; endTime: string; kind: "slots" | "day"; slotMinutes: number | null; bufferMinutes: number; seats: number };

function rulesFor(o: DemoOffer): DemoRule[] {
  const minutes = o.minutes ?? 60;
  if (o.unit === "day") return [{ weekdays: [1, 2, 3, 4, 5], startTime: "07:30", endTime: "15:30", kind: "day", slotMinutes: null, bufferMinutes: 0, seats: 20 }];
  if (o.group === "group") return [{ weekdays: [2, 4], startTime: "10:00", endTime: minutesToTime(600 + minutes), kind: "slots", slotMinutes: minutes, bufferMinutes: 0, seats: 12 }];
  if (o.unit === "ride") return [{ weekdays: [1, 2, 3, 4, 5], startTime: "08:00", endTime: "14:00", kind: "slots", slotMinutes: 60, bufferMinutes: 0, seats: 1 }];
  if (o.modes.includes("home") && (o.unit === "hour" || o.unit === "visit")) {
    // Two carers on the road, 30 minutes to get from one home to the next.
    return [{ weekdays: [1, 2, 3, 4, 5], startTime: "08:00", endTime: "16:00", kind: "slots", slotMinutes: minutes, bufferMinutes: 30, seats: 2 }];
  }
  if (o.unit === "session") {
    return [
      { weekdays: [2], startTime: "09:00", endTime: "15:00", kind: "slots", slotMinutes: minutes, bufferMinutes: 10, seats: 1 },
      { weekdays: [4], startTime: "12:00", endTime: "18:00", kind: "slots", slotMinutes: minutes, bufferMinutes: 10, seats: 1 },
    ];
  }
  return [{ weekdays: [3], startTime: "10:00", endTime: "12:00", kind: "slots", slotMinutes: 60, bufferMinutes: 0, seats: 1 }];
}

function minutesToTime(m: number) {
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

export async function seedAvailability(
  db: Database,
  ids: { centreId: string; providerId: (name: string) => string; stableId: (name: string) => string },
  now = clock.now(),
): Promise<number> {
  const warsawNow = new TZDate(now.getTime(), "Europe/Warsaw");
  const monthStart = formatISO(new TZDate(warsawNow.getFullYear(), warsawNow.getMonth(), 1, "Europe/Warsaw"), { representation: "date" });
  const published = demoOffers.filter((o) => !o.state);
  let rules = 0;
  for (const o of published) {
    const offerId = ids.stableId(`offer:${o.name}`);
    const placeKey = o.modes.includes("place") ? o.places?.[0] : undefined;
    const values = rulesFor(o).map((r, n) => ({
      id: ids.stableId(`rule:${o.name}:${n}`),
      cusId: ids.centreId,
      offerId,
      providerId: o.provider ? ids.providerId(o.provider) : null,
      locationId: placeKey ? ids.stableId(`place:${placeKey}`) : null,
      validFrom: monthStart,
      minNoticeHours: 24,
      horizonDays: 35,
      ...r,
    }));
    rules += (await db.insert(availabilityRules).values(values).onConflictDoNothing().returning({ id: availabilityRules.id })).length;
  }
  // Staff training at the senior association next week: its classes are closed that day.
  const trainingDay = formatISO(addDays(warsawNow, 8), { representation: "date" });
  await db
    .insert(availabilityExceptions)
    .values({ id: ids.stableId("closure:training"), cusId: ids.centreId, providerId: ids.providerId("Stowarzyszenie Aktywni Seniorzy"), kind: "closure", startsOn: trainingDay, endsOn: trainingDay, reason: "Szkolenie zespołu" })
    .onConflictDoNothing();
  for (const o of published) await db.transaction((tx) => materialiseOfferSlots(tx, ids.stableId(`offer:${o.name}`), now));
  return rules;
}
