import { inArray } from "drizzle-orm";
import type { Database } from "@db/client";
import { bookings } from "@db/schema";
import { listBookingDetails } from "./booking-details.server";
import type { BookingNoticeKind } from "@emails/booking-notice";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { isLocale } from "~/utils/i18n";

/**
 * Queues the booking emails in the caller's transaction (sent only if the booking commits): to the resident
 * unless they asked not to be contacted or have no email, and to the provider. The resident's email is in
 * their language when the portal has it (Polish otherwise).
 */
export async function enqueueBookingNotices(db: Database, input: { bookingIds: string[]; kind: BookingNoticeKind; reason?: string | null; coordinatorEmail?: string; previousStartsAt?: Date }) {
  if (input.bookingIds.length === 0) return;
  const rows = await listBookingDetails(db, inArray(bookings.id, input.bookingIds));
  const first = rows[0];
  if (!first) return;
  const common = {
    centreName: first.centreName,
    kind: input.kind,
    offerName: first.offerName,
    providerName: first.providerName ?? first.centreName,
    residentName: `${first.firstName} ${first.lastName}`,
    place: first.placeName ? `${first.placeName}, ${first.placeStreet}, ${first.placeCity}` : null,
    startsAt: rows.map((r) => r.booking.startsAt.toISOString()),
    reason: input.reason ?? null,
    previousStartsAt: input.previousStartsAt?.toISOString() ?? null,
  };
  if (input.kind === "change_request") {
    // Only the coordinator is told; they arrange the change with the resident and the provider.
    if (input.coordinatorEmail) await enqueueEmail(db, { to: input.coordinatorEmail, template: "booking-notice", props: { ...common, locale: "pl", audience: "coordinator", recipientName: null } }, { cusId: first.booking.cusId });
    return;
  }
  if (first.residentEmail && first.contactPreference !== "do_not_contact") {
    await enqueueEmail(
      db,
      { to: first.residentEmail, template: "booking-notice", props: { ...common, locale: isLocale(first.language) ? first.language : "pl", audience: "resident", recipientName: first.firstName } },
      { cusId: first.booking.cusId },
    );
  }
  if (first.providerEmail) {
    await enqueueEmail(db, { to: first.providerEmail, template: "booking-notice", props: { ...common, locale: "pl", audience: "provider", recipientName: null } }, { cusId: first.booking.cusId });
  }
}
