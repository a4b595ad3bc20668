import { and, eq, gte, isNull, lt } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { bookings } from "@db/schema";
import { warsawDate, warsawInstant } from "~/modules/kernel/dates";
import { logger } from "~/utils/logger.server";
import { queueBookingNotice } from "./booking-notices.server";
import { expireWaitlistOffers } from "./waitlist.server";
import { clock } from "~/modules/kernel/clock.server";

/** Queues the day-before reminder for every active booking tomorrow (Warsaw), once per booking. */
export async function queueReminders(now = clock.now(), db: Database = getDb()) {
  const tomorrow = warsawDate(new Date(now.getTime() + 86_400_000));
  const from = warsawInstant(tomorrow, 0);
  const to = warsawInstant(tomorrow, 24 * 60);
  const due = await db
    .select({ id: bookings.id, cusId: bookings.cusId })
    .from(bookings)
    .where(and(eq(bookings.status, "active"), isNull(bookings.reminderQueuedAt), gte(bookings.startsAt, from), lt(bookings.startsAt, to)));
  for (const { id, cusId } of due) {
    await db.transaction(async (tx) => {
      // Claim first, so two workers never remind twice.
      const claimed = await tx.update(bookings).set({ reminderQueuedAt: now }).where(and(eq(bookings.id, id), isNull(bookings.reminderQueuedAt))).returning({ id: bookings.id });
      if (claimed.length) await queueBookingNotice(tx, { bookingIds: [id], kind: "reminder", cusId });
    });
  }
  return due.length;
}

const EVERY_MS = 5 * 60 * 1000;
let timer: NodeJS.Timeout | undefined;

/** Every five minutes: expired waiting-list offers pass to the next resident; tomorrow's reminders are queued. */
export function startBookingWorker(): () => void {
  if (timer) return stopBookingWorker;
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    Promise.all([expireWaitlistOffers(), queueReminders()])
      .then(([expired, reminders]) => (expired || reminders ? logger.info({ expired, reminders }, "booking worker pass") : undefined))
      .catch((error: unknown) => logger.error({ err: error }, "booking worker pass failed"))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(run, 10_000);
  first.unref();
  timer = setInterval(run, EVERY_MS);
  timer.unref();
  return stopBookingWorker;
}

export function stopBookingWorker(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
