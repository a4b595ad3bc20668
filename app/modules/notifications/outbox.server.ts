import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNull, lte, or, lt, sql } from "drizzle-orm";
import type { Database } from "@db/client";
import { outbox } from "@db/schema";
import type { EmailTemplateName, EmailTemplates } from "@emails/index";
import { clock } from "~/modules/kernel/clock.server";

/*
 * The outbox: side effects written in the same transaction as the change that causes them, and carried out
 * afterwards by the worker, one handler per kind of message (see app/background.server.ts). Every message has
 * a deterministic key: queueing the same thing twice keeps one message, and the handler passes the key on as
 * the idempotency key of the external call (Resend today; Stripe with co-payments and settlements).
 */

export type OutboxMessage = typeof outbox.$inferSelect;

/** What a handler does with one message; it throws to have the message retried later. */
export type OutboxHandler = (message: OutboxMessage, context: { db: Database; now: Date }) => Promise<void>;

export type EmailPayload<K extends EmailTemplateName = EmailTemplateName> = {
  to: string;
  template: K;
  props: EmailTemplates[K];
};

/**
 * Queues a message in the caller's transaction. `key` names what the message is about; without one the message
 * is unique by itself. Returns the message's id (also when an identical message was already queued).
 */
export async function enqueue(db: Database, kind: string, payload: unknown, options: { key?: string; cusId?: string | null } = {}): Promise<string> {
  const id = randomUUID();
  const key = options.key ?? `${kind}:${id}`;
  const [row] = await db
    .insert(outbox)
    .values({ id, kind, key, payload, cusId: options.cusId ?? null, nextAttemptAt: clock.now() })
    .onConflictDoNothing({ target: outbox.key })
    .returning({ id: outbox.id });
  if (row) return row.id;
  const [existing] = await db.select({ id: outbox.id }).from(outbox).where(eq(outbox.key, key));
  return existing!.id;
}

/** Queues an email; it is sent only if the change that caused it commits, and is not lost if the process dies. */
export async function enqueueEmail<K extends EmailTemplateName>(db: Database, payload: EmailPayload<K>, options: { cusId?: string | null; key?: string } = {}): Promise<string> {
  return enqueue(db, "email", payload, options);
}

/** How long a claimed message stays invisible to other workers while it is being handled. */
export const CLAIM_MS = 5 * 60 * 1000;
export const MAX_ATTEMPTS = 8;

/** Exponential backoff: 10 s, 20 s, 40 s … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000);
}

/** Claim due messages of the given kinds; several workers can run at once thanks to SKIP LOCKED. */
export async function claimDue(db: Database, now: Date, kinds: string[], limit = 10): Promise<OutboxMessage[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.status, "pending"), inArray(outbox.kind, kinds), lte(outbox.nextAttemptAt, now), or(isNull(outbox.lockedUntil), lt(outbox.lockedUntil, now))))
      .orderBy(asc(outbox.nextAttemptAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outbox)
      .set({ lockedUntil: new Date(now.getTime() + CLAIM_MS), attempts: sql`${outbox.attempts} + 1` })
      .where(sql`${outbox.id} in ${due.map((d) => d.id)}`)
      .returning();
  });
}

/** Claims one message by its key, if it is pending and nobody holds it (to carry it out at once). */
export async function claimByKey(db: Database, key: string, now: Date): Promise<OutboxMessage | null> {
  const [message] = await db
    .update(outbox)
    .set({ lockedUntil: new Date(now.getTime() + CLAIM_MS), attempts: sql`${outbox.attempts} + 1` })
    .where(and(eq(outbox.key, key), eq(outbox.status, "pending"), or(isNull(outbox.lockedUntil), lt(outbox.lockedUntil, now))))
    .returning();
  return message ?? null;
}

export async function markSent(db: Database, id: string, now: Date): Promise<void> {
  await db.update(outbox).set({ status: "sent", sentAt: now, lockedUntil: null, lastError: null }).where(eq(outbox.id, id));
}

export async function markFailed(db: Database, message: OutboxMessage, error: unknown, now: Date): Promise<void> {
  const dead = message.attempts >= MAX_ATTEMPTS;
  await db
    .update(outbox)
    .set({
      status: dead ? "dead" : "pending",
      lockedUntil: null,
      lastError: String(error instanceof Error ? error.message : error).slice(0, 2000),
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(message.attempts)),
    })
    .where(eq(outbox.id, message.id));
}
