import { and, eq, gte, isNull } from "drizzle-orm";
import { visitStatus } from "./visit-status";
import ical, { ICalEventStatus } from "ical-generator";
import { getDb, type Database } from "@db/client";
import { bookings, calendarFeeds, residents } from "@db/schema";
import { recordAudit } from "~/modules/kernel/audit.server";
import { hashToken, randomToken } from "~/modules/identity/tokens.server";
import { getT, toLocale } from "~/utils/i18n";
import { listBookingDetails } from "./booking-details.server";
import type { Actor } from "~/modules/kernel/actor";
import { clock } from "~/modules/kernel/clock.server";

async function residentLanguage(db: Database, residentId: string): Promise<string | null> {
  const [row] = await db.select({ language: residents.preferredLanguage }).from(residents).where(eq(residents.id, residentId));
  return row?.language ?? null;
}

/** Whose bookings a feed publishes. */
export type FeedOwner = { providerId: string; residentId?: undefined } | { residentId: string; providerId?: undefined };

/** Bookings from this far back stay in the feed, so last week's visits do not vanish from people's calendars. */
const PAST_DAYS = 31;

function ownerCondition(owner: FeedOwner) {
  return owner.providerId ? eq(calendarFeeds.providerId, owner.providerId) : eq(calendarFeeds.residentId, owner.residentId!);
}

/** When the owner's current feed address was made, or null when there is none. */
export async function getFeedStatus(owner: FeedOwner, db: Database = getDb()) {
  const [feed] = await db
    .select({ createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(and(ownerCondition(owner), isNull(calendarFeeds.revokedAt)));
  return feed ? { createdAt: feed.createdAt } : null;
}

/**
 * Makes a new secret feed address and revokes the previous one. The token is returned once; only its
 * SHA-256 is stored, so a lost address is replaced, not recovered.
 */
export async function regenerateFeedToken(owner: FeedOwner, actor: Actor, db: Database = getDb()): Promise<string> {
  const token = randomToken(24);
  await db.transaction(async (tx) => {
    await tx.update(calendarFeeds).set({ revokedAt: clock.now() }).where(and(ownerCondition(owner), isNull(calendarFeeds.revokedAt)));
    const [feed] = await tx
      .insert(calendarFeeds)
      .values({ providerId: owner.providerId ?? null, residentId: owner.residentId ?? null, tokenHash: hashToken(token), createdBy: actor.userId })
      .returning();
    await recordAudit(tx, actor, { action: "calendar_feed.regenerated", entityType: "calendar_feed", entityId: feed!.id });
  });
  return token;
}

/**
 * The iCalendar text for a feed token, or null for an unknown or revoked one. Each booking is one event with
 * a stable UID and its SEQUENCE, so a change updates the event in the subscriber's calendar and a
 * cancellation shows as cancelled. Times are UTC instants; calendars show them in the viewer's zone.
 */
export async function renderFeed(token: string, baseUrl: string, db: Database = getDb()): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const [feed] = await db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, hashToken(token)), isNull(calendarFeeds.revokedAt)));
  if (!feed) return null;
  const since = new Date(clock.now().getTime() - PAST_DAYS * 86_400_000);
  const rows = await listBookingDetails(db, and(feed.providerId ? eq(bookings.providerId, feed.providerId) : eq(bookings.residentId, feed.residentId!), gte(bookings.startsAt, since)));

  // A resident's feed speaks the resident's language; a provider's, Polish.
  const locale = feed.residentId ? toLocale((await residentLanguage(db, feed.residentId)) ?? "pl") : "pl";
  const t = getT(locale);
  const calendar = ical({
    name: feed.providerId ? t("feed.providerCalendarName", { provider: rows[0]?.providerName ?? t("feed.services") }) : t("feed.residentCalendarName"),
    prodId: { company: "CUS portal", product: "bookings", language: locale.toUpperCase() },
    ttl: 3600,
  });
  calendar.x([{ key: "X-WR-TIMEZONE", value: "Europe/Warsaw" }]);
  for (const r of rows) {
    const place = r.placeName ? `${r.placeName}, ${r.placeStreet}, ${r.placeCity}` : t("feed.atHome");
    // A provider's feed names the resident only by first name and initial: it ends up in a third-party calendar.
    const summary = feed.providerId ? `${r.offerName} – ${r.firstName} ${r.lastName.slice(0, 1)}.` : r.offerName;
    calendar.createEvent({
      id: `booking-${r.booking.id}@cus-portal`,
      sequence: r.booking.sequence,
      start: r.booking.startsAt,
      end: r.booking.endsAt,
      stamp: r.booking.updatedAt,
      lastModified: r.booking.updatedAt,
      summary,
      location: place,
      // The visit's one status (booking/visit-status), in the feed's language, first.
      description: [t(`booking.visitStatus.${visitStatus(r.booking, clock.now())}`), feed.providerId ? `${baseUrl}/provider/calendar` : [r.providerName, r.providerPhone].filter(Boolean).join(", ")].filter(Boolean).join("\n"),
      status: r.booking.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
