import { getDb, type Database } from "@db/client";
import { isEmailTemplateName, renderEmail, type EmailTemplateName, type EmailTemplates } from "@emails/index";
import { clock } from "~/modules/kernel/clock.server";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { devMailboxSender, resendSender, type EmailSender } from "./email-sender.server";
import { claimByKey, claimDue, markFailed, markSent, type EmailPayload, type OutboxHandler } from "./outbox.server";

export function defaultEmailSender(db: Database): EmailSender {
  const { RESEND_API_KEY, EMAIL_FROM } = env();
  return RESEND_API_KEY ? resendSender(RESEND_API_KEY, EMAIL_FROM) : devMailboxSender(db);
}

/** The `email` handler: renders the template in the recipient's language and sends it with the message's key. */
export function emailHandler(sender?: EmailSender): OutboxHandler {
  return async (message, { db }) => {
    const payload = message.payload as EmailPayload;
    if (!isEmailTemplateName(payload.template)) throw new Error(`Unknown email template: ${payload.template}`);
    const rendered = await renderEmail(payload.template as EmailTemplateName, payload.props as EmailTemplates[EmailTemplateName]);
    await (sender ?? defaultEmailSender(db)).send({ ...rendered, to: payload.to, idempotencyKey: message.id });
  };
}

export type OutboxHandlers = Record<string, OutboxHandler>;

/**
 * One pass: claim due messages of the kinds there are handlers for, hand each to its handler, record the
 * outcome. Returns how many were done.
 */
export async function processOutbox(handlers: OutboxHandlers, options: { db?: Database; now?: Date } = {}): Promise<number> {
  const db = options.db ?? getDb();
  const now = options.now ?? clock.now();
  const messages = await claimDue(db, now, Object.keys(handlers));
  let done = 0;
  for (const message of messages) {
    try {
      const handle = handlers[message.kind];
      if (!handle) throw new Error(`No handler for outbox kind: ${message.kind}`);
      await handle(message, { db, now });
      await markSent(db, message.id, clock.now());
      done += 1;
    } catch (error) {
      logger.warn({ outboxId: message.id, kind: message.kind, attempts: message.attempts, err: error }, "outbox message failed");
      await markFailed(db, message, error, clock.now());
    }
  }
  return done;
}

/**
 * Carries out one message now, in the request that queued it (someone is waiting for its result), with the same
 * handler the worker would use. "taken" when another process holds it; a failure leaves it to the worker's retries.
 */
export async function runNow(key: string, handler: OutboxHandler, db: Database = getDb()): Promise<"done" | "failed" | "taken"> {
  const message = await claimByKey(db, key, clock.now());
  if (!message) return "taken";
  try {
    await handler(message, { db, now: clock.now() });
    await markSent(db, message.id, clock.now());
    return "done";
  } catch (error) {
    logger.warn({ outboxId: message.id, kind: message.kind, err: error }, "outbox message failed when run at once");
    await markFailed(db, message, error, clock.now());
    return "failed";
  }
}

let timer: NodeJS.Timeout | undefined;

/** Started with the server: polls the outbox until the process ends. */
export function startOutboxWorker(handlers: OutboxHandlers): () => void {
  if (timer) return stopOutboxWorker;
  let running = false;
  timer = setInterval(() => {
    if (running) return;
    running = true;
    processOutbox(handlers)
      .catch((error: unknown) => logger.error({ err: error }, "outbox worker pass failed"))
      .finally(() => {
        running = false;
      });
  }, env().OUTBOX_POLL_MS);
  timer.unref();
  return stopOutboxWorker;
}

export function stopOutboxWorker(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
