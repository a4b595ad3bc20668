import { getDb, type Database } from "@db/client";
import { clock } from "~/modules/kernel/clock.server";
import { addDays, addMonths, warsawDate } from "~/modules/kernel/dates";
import { logger } from "~/utils/logger.server";
import { centresIssuingAutomatically } from "./billing-settings.server";
import { issueStatements, markOverdue } from "./statements.server";

/**
 * One pass of billing's background work: statements past their due date become overdue (and their payers get
 * one reminder, through the outbox); in centres that chose it, last month's statements are issued once the
 * month has ended (on the 1st, or on the first pass after it).
 */
export async function billingPass(now = clock.now(), db: Database = getDb()): Promise<{ overdue: number; issued: number }> {
  const today = warsawDate(now);
  const overdue = await markOverdue(null, today, now, db);
  const lastMonth = addMonths(`${today.slice(0, 7)}-01`, -1);
  let issued = 0;
  for (const centre of await centresIssuingAutomatically(db)) {
    const result = await issueStatements({ cusId: centre.cusId, month: lastMonth, issuedOn: today, dueOn: addDays(today, centre.dueDays), actor: null, now }, db);
    if (result.ok) issued += result.issued;
  }
  return { overdue, issued };
}

const EVERY_MS = 60 * 60 * 1000;
let timer: NodeJS.Timeout | undefined;

/** Every hour (and a minute after start). */
export function startBillingWorker(): () => void {
  if (timer) return stopBillingWorker;
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    billingPass()
      .then((r) => (r.overdue || r.issued ? logger.info(r, "billing worker pass") : undefined))
      .catch((error: unknown) => logger.error({ err: error }, "billing worker pass failed"))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(run, 60_000);
  first.unref();
  timer = setInterval(run, EVERY_MS);
  timer.unref();
  return stopBillingWorker;
}

export function stopBillingWorker(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
