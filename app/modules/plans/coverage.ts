import { sql } from "drizzle-orm";
import { planMembers, plans } from "@db/schema";

/**
 * The one rule for who a plan covers: the person it was made for and, on a family plan, the members added to
 * it. A condition on `plans`, used by every query that asks (listing a person's plans, printing one, booking
 * a visit under one).
 */
export function planCoversResident(residentId: string) {
  return sql`(${plans.residentId} = ${residentId} or exists (select 1 from ${planMembers} m where m.plan_id = ${plans.id} and m.resident_id = ${residentId}))`;
}
