/*
 * One status for a visit, the same wherever it is shown — the resident's record, the plan's booking page, the
 * resident's own page, the provider's bookings: booked (to come), to be recorded (its time has come and the
 * provider has not yet said whether it took place), delivered, no-show, cancelled.
 */
export const visitStatuses = ["booked", "to_record", "delivered", "no_show", "cancelled"] as const;
export type VisitStatus = (typeof visitStatuses)[number];

export function visitStatus(visit: { status: string; attendance: string | null; startsAt: Date | string }, now: Date): VisitStatus {
  if (visit.status === "cancelled") return "cancelled";
  if (visit.attendance === "delivered") return "delivered";
  if (visit.attendance === "no_show") return "no_show";
  return new Date(visit.startsAt).getTime() <= now.getTime() ? "to_record" : "booked";
}
