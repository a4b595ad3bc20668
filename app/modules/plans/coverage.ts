import { sql } from "drizzle-orm";
import { planMembers, plans } from "@db/schema";

/*
 * The one rule for who a plan covers: the person it was made for and, on a family plan, the relatives added
 * to it. Every query that asks uses one of these two forms of it (listing a person's plans, printing one,
 * booking a visit under one, finding whom a free slot could be booked for).
 */

/** A condition on `plans`: the plan covers this resident. */
export function planCoversResident(residentId: string) {
  return sql`(${plans.residentId} = ${residentId} or (${plans.isFamilyPlan} and exists (select 1 from ${planMembers} m where m.plan_id = ${plans.id} and m.resident_id = ${residentId})))`;
}

/** Everyone each plan covers, as rows (plan_id, resident_id): to join on when listing people. */
export const coveredPeople = sql`(select ${plans.id} as plan_id, ${plans.residentId} as resident_id from ${plans}
  union all
  select m.plan_id, m.resident_id from ${planMembers} m join ${plans} p on p.id = m.plan_id and p.is_family_plan)`;
