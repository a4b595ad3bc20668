import { and, asc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { applications, bookings, offerRevisions, offers, plans, providerOrganisations, residents } from "@db/schema";
import { listNoShowAlerts } from "~/modules/booking/attendance.server";
import { planDueOn } from "./plans.server";
import { clock } from "~/modules/kernel/clock.server";
import { addDays, warsawDate, warsawInstant } from "~/modules/kernel/dates";


/**
 * The coordinator's day: their active plans, reviews and plan ends coming up, applications waiting for a
 * plan (with the 30-day deadline), no-show alerts, and this week's bookings of their residents.
 */
export async function coordinatorCaseload(cusId: string, coordinatorUserId: string, now = clock.now(), db: Database = getDb()) {
  // Days are Warsaw's: just after midnight in Poland it is already tomorrow, whatever UTC says.
  const today = warsawDate(now);
  const in14 = addDays(today, 14);
  const in30 = addDays(today, 30);
  const mine = and(eq(plans.cusId, cusId), eq(plans.coordinatorUserId, coordinatorUserId), sql`${plans.status} in ('approved','active')`);
  const planRows = await db
    .select({ id: plans.id, validFrom: plans.validFrom, validTo: plans.validTo, firstReviewOn: plans.firstReviewOn, residentId: plans.residentId, name: sql<string>`${residents.firstName} || ' ' || ${residents.lastName}` })
    .from(plans)
    .innerJoin(residents, eq(residents.id, plans.residentId))
    .where(mine)
    .orderBy(asc(plans.validTo));
  const pending = await db
    .select({ id: applications.id, residentId: applications.residentId, receivedOn: applications.receivedOn, name: sql<string>`${residents.firstName} || ' ' || ${residents.lastName}` })
    .from(applications)
    .innerJoin(residents, eq(residents.id, applications.residentId))
    .where(and(eq(applications.cusId, cusId), eq(applications.outcome, "pending")))
    .orderBy(asc(applications.receivedOn));
  const residentIds = planRows.map((p) => p.residentId);
  // "This week" is the coming seven Warsaw days from today's midnight.
  const weekStart = warsawInstant(today);
  const weekEnd = warsawInstant(addDays(today, 7));
  const week = residentIds.length
    ? await db
        .select({ id: bookings.id, startsAt: bookings.startsAt, status: bookings.status, offerName: offerRevisions.name, providerName: providerOrganisations.name, name: sql<string>`${residents.firstName} || ' ' || ${residents.lastName}`, residentId: bookings.residentId })
        .from(bookings)
        .innerJoin(offers, eq(offers.id, bookings.offerId))
        .innerJoin(offerRevisions, eq(offerRevisions.id, offers.publishedRevisionId))
        .innerJoin(residents, eq(residents.id, bookings.residentId))
        .leftJoin(providerOrganisations, eq(providerOrganisations.id, bookings.providerId))
        .where(and(inArray(bookings.residentId, residentIds), gte(bookings.startsAt, weekStart), lt(bookings.startsAt, weekEnd), eq(bookings.status, "active")))
        .orderBy(asc(bookings.startsAt))
    : [];
  const myPlanIds = new Set(planRows.map((p) => p.id));
  const alerts = (await listNoShowAlerts(cusId, db)).filter((a) => myPlanIds.has(a.planId));
  return {
    activePlans: planRows,
    reviewsDue: planRows.filter((p) => p.firstReviewOn !== null && p.firstReviewOn <= in14),
    endingSoon: planRows.filter((p) => p.validTo <= in30 && p.validTo >= today),
    pendingApplications: pending.map((a) => {
      const dueOn = planDueOn(a.receivedOn);
      return { ...a, dueOn, overdue: dueOn < today };
    }),
    noShowAlerts: alerts,
    thisWeek: week,
  };
}

