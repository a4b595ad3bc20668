/**
 * Demo individual plans (IPUS) with bookings over the demo month: two active plans whose residents had
 * visits in the past weeks (some delivered, one a no-show, one still to be recorded by the provider) and
 * have visits booked in the coming weeks. One is a family plan that also covers the resident's husband.
 * Idempotent: an existing plan is left as it is.
 */
import { eq } from "drizzle-orm";
import { bookSlot } from "../../app/modules/booking/seats.server";
import { clock } from "../../app/modules/kernel/clock.server";
import { addDays, warsawDate, warsawInstant } from "../../app/modules/kernel/dates";
import type { Database } from "../../db/client";
import { applications, bookings, familyLinks, planGoals, planItems, planMembers, plans, slots } from "../../db/schema";

type Ids = { centreId: string; providerId: (name: string) => string; stableId: (name: string) => string; coordinatorUserId: string; directorUserId: string };

const demoPlans = [
  {
    resident: "resident:Marian:Woźniak:1948-01-17",
    needs: "Mieszka sam, po operacji biodra; potrzebuje pomocy w domu i ruchu.",
    goals: [["Samodzielne poruszanie się po domu", "Chodzi bez kul po 3 miesiącach"], ["Regularne posiłki i porządek w domu", "Opiekunka potwierdza co tydzień"]],
    items: [{ offer: "Usługi opiekuńcze w domu", units: 48, frequency: "2 × w tygodniu" }],
    pastOutcomes: ["delivered", "delivered", "no_show", null] as const,
  },
  {
    resident: "resident:Teresa:Kozłowska:1956-09-30",
    needs: "Opiekuje się mężem po udarze; przeciążona, prosi o wsparcie psychologa.",
    goals: [["Mniejsze przeciążenie opieką", "Samoocena w skali 1–10 spada o 3 punkty"]],
    items: [{ offer: "Wsparcie psychologiczne dla dorosłych", units: 12, frequency: "1 × w tygodniu" }],
    pastOutcomes: ["delivered", null] as const,
    // A family plan: her husband, after a stroke, is covered by it too.
    family: [{ resident: "resident:Jan:Kozłowski:1953-04-02", relation: "spouse" as const }],
  },
  {
    resident: "resident:Olena:Kovalenko:1979-06-14",
    needs: "Uciekła z Charkowa z córką; trudności ze snem i lęk, prosi o rozmowę z psychologiem.",
    goals: [["Lepszy sen i mniej lęku", "Śpi co najmniej 6 godzin w większość nocy po 3 miesiącach"]],
    items: [{ offer: "Wsparcie psychologiczne dla dorosłych", units: 10, frequency: "1 × w tygodniu" }],
    pastOutcomes: ["delivered"] as const,
  },
];

export async function seedPlans(db: Database, ids: Ids, now = clock.now()): Promise<number> {
  const today = warsawDate(now);
  let created = 0;
  for (const demo of demoPlans) {
    const planId = ids.stableId(`plan:${demo.resident}`);
    const [existing] = await db.select({ id: plans.id }).from(plans).where(eq(plans.id, planId));
    if (existing) continue;
    const residentId = ids.stableId(demo.resident);
    const validFrom = addDays(today, -35);
    const [application] = await db
      .insert(applications)
      .values({ cusId: ids.centreId, residentId, applicantKind: "resident", needs: demo.needs, receivedOn: addDays(validFrom, -14), outcome: "ipus", decidedAt: now, coordinatorUserId: ids.coordinatorUserId })
      .returning();
    await db.insert(plans).values({
      id: planId, cusId: ids.centreId, residentId, applicationId: application!.id, coordinatorUserId: ids.coordinatorUserId, status: "active",
      validFrom, validTo: addDays(validFrom, 182), firstReviewOn: addDays(validFrom, 91), approvedBy: ids.directorUserId, approvedAt: now,
      isFamilyPlan: "family" in demo && !!demo.family?.length,
    });
    for (const relative of ("family" in demo ? demo.family : undefined) ?? []) {
      const relativeId = ids.stableId(relative.resident);
      await db
        .insert(familyLinks)
        .values([
          { residentId, relatedResidentId: relativeId, relation: relative.relation },
          { residentId: relativeId, relatedResidentId: residentId, relation: relative.relation },
        ])
        .onConflictDoNothing();
      await db.insert(planMembers).values({ planId, residentId: relativeId }).onConflictDoNothing();
    }
    await db.insert(planGoals).values(demo.goals.map(([description, criteria], i) => ({ planId, description: description!, criteria: criteria!, sortOrder: i })));
    for (const item of demo.items) {
      const offerId = ids.stableId(`offer:${item.offer}`);
      const [planItem] = await db
        .insert(planItems)
        .values({ planId, offerId, providerId: ids.providerId("Fundacja Pomocna Dłoń"), units: item.units, frequency: item.frequency, validFrom, validTo: addDays(validFrom, 182) })
        .returning();
      // Past visits (before the slots' horizon, so written as they happened): weekly, 10:00.
      for (const [week, outcome] of demo.pastOutcomes.entries()) {
        const day = addDays(today, -7 * (demo.pastOutcomes.length - week) + (week === demo.pastOutcomes.length - 1 ? 6 : 0));
        const startsAt = warsawInstant(day, 10 * 60);
        if (startsAt >= now) continue;
        const [slot] = await db
          .insert(slots)
          .values({ cusId: ids.centreId, offerId, providerId: ids.providerId("Fundacja Pomocna Dłoń"), sourceKey: `demo-past:${planItem!.id}`, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), capacity: 2, booked: 1 })
          .returning();
        await db.insert(bookings).values({
          cusId: ids.centreId, slotId: slot!.id, offerId, providerId: ids.providerId("Fundacja Pomocna Dłoń"), residentId, planItemId: planItem!.id,
          startsAt, endsAt: slot!.endsAt, createdBy: ids.coordinatorUserId,
          attendance: outcome, deliveredUnits: outcome === "delivered" ? "1.00" : null, attendanceRecordedAt: outcome ? now : null,
        });
      }
      // Coming visits: the next free slots of the offer, two weeks apart.
      const future = await db.select().from(slots).where(eq(slots.offerId, offerId)).orderBy(slots.startsAt);
      const bookable = future.filter((s) => s.startsAt.getTime() > now.getTime() + 2 * 86_400_000 && s.booked < s.capacity);
      for (const slot of [bookable[0], bookable[Math.min(bookable.length - 1, 12)]]) {
        if (!slot) continue;
        await bookSlot({ cusId: ids.centreId, slotId: slot.id, residentId, planItemId: planItem!.id, actor: { userId: ids.coordinatorUserId, email: "seed", name: "seed", ip: "seed" }, now, notify: false }, db);
      }
    }
    created += 1;
  }
  return created;
}
