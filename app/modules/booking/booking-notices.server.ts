import { createHash } from "node:crypto";
import { inArray } from "drizzle-orm";
import type { Database } from "@db/client";
import { bookings } from "@db/schema";
import type { BookingNoticeKind } from "@emails/booking-notice";
import { enqueue, enqueueEmail, type OutboxHandler } from "~/modules/notifications/outbox.server";
import { isLocale } from "~/utils/i18n";
import { listBookingDetails } from "./booking-details.server";

/*
 * Booking emails in two steps. The booking's transaction queues one small "booking-notice" (which bookings,
 * what happened) — cheap, so booking stays fast under load. The outbox worker's handler then composes the
 * emails: to the resident unless they asked not to be contacted or have no email (in their language when the
 * portal has it), and to the provider; a change request goes only to the coordinator.
 */

export type BookingNotice = { bookingIds: string[]; kind: BookingNoticeKind; reason?: string | null; coordinatorEmail?: string | null; previousStartsAt?: string | null };

/** What a notice is about, as its key: the same notice queued twice is one notice. A change request can recur. */
function noticeKey(notice: BookingNotice): string | undefined {
  if (notice.kind === "change_request") return undefined;
  const about = notice.bookingIds.length === 1 ? notice.bookingIds[0]! : createHash("sha256").update(notice.bookingIds.join(",")).digest("hex");
  return `booking-notice:${notice.kind}:${about}`;
}

/** Queues the emails about bookings in the caller's transaction: sent only if the change commits. */
export async function queueBookingNotice(db: Database, notice: { bookingIds: string[]; kind: BookingNoticeKind; reason?: string | null; coordinatorEmail?: string | null; previousStartsAt?: Date; cusId: string }): Promise<void> {
  if (notice.bookingIds.length === 0) return;
  const payload: BookingNotice = { bookingIds: notice.bookingIds, kind: notice.kind, reason: notice.reason ?? null, coordinatorEmail: notice.coordinatorEmail ?? null, previousStartsAt: notice.previousStartsAt?.toISOString() ?? null };
  await enqueue(db, "booking-notice", payload, { key: noticeKey(payload), cusId: notice.cusId });
}

/** The "booking-notice" handler: composes the emails and queues them, each keyed by the notice and its reader. */
export const bookingNoticeHandler: OutboxHandler = async (message, { db }) => {
  const notice = message.payload as BookingNotice;
  const rows = await listBookingDetails(db, inArray(bookings.id, notice.bookingIds));
  const first = rows[0];
  if (!first) return;
  const common = {
    centreName: first.centreName,
    kind: notice.kind,
    offerName: first.offerName,
    providerName: first.providerName ?? first.centreName,
    residentName: `${first.firstName} ${first.lastName}`,
    place: first.placeName ? `${first.placeName}, ${first.placeStreet}, ${first.placeCity}` : null,
    startsAt: rows.map((r) => r.booking.startsAt.toISOString()),
    reason: notice.reason ?? null,
    previousStartsAt: notice.previousStartsAt ?? null,
  };
  const cusId = first.booking.cusId;
  const key = (audience: string) => `email:${message.key}:${audience}`;
  await db.transaction(async (tx) => {
    if (notice.kind === "change_request") {
      // Only the coordinator is told; they arrange the change with the resident and the provider.
      if (notice.coordinatorEmail) await enqueueEmail(tx, { to: notice.coordinatorEmail, template: "booking-notice", props: { ...common, locale: "pl", audience: "coordinator", recipientName: null } }, { cusId, key: key("coordinator") });
      return;
    }
    if (first.residentEmail && first.contactPreference !== "do_not_contact") {
      const locale = isLocale(first.language) ? first.language : "pl";
      await enqueueEmail(tx, { to: first.residentEmail, template: "booking-notice", props: { ...common, locale, audience: "resident", recipientName: first.firstName } }, { cusId, key: key("resident") });
    }
    if (first.providerEmail) {
      await enqueueEmail(tx, { to: first.providerEmail, template: "booking-notice", props: { ...common, locale: "pl", audience: "provider", recipientName: null } }, { cusId, key: key("provider") });
    }
  });
};
