import { getDb, type Database } from "@db/client";
import { isEmailTemplateName, renderEmail, type EmailTemplateName, type EmailTemplates } from "@emails/index";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { devMailboxSender, resendSender, type EmailSender } from "./email-sender.server";
import { claimDue, markFailed, markSent, type OutboxMessage } from "./outbox.server";
import type { EmailPayload } from "./outbox.server";
import { clock } from "~/modules/kernel/clock.server";

export function defaultEmailSender(db: Database): EmailSender {
  const { RESEND_API_KEY, EMAIL_FROM } = env();
  return RESEND_API_KEY ? resendSender(RESEND_API_KEY, EMAIL_FROM) : devMailboxSender(db);
}

async function deliver(message: OutboxMessage, sender: EmailSender): Promise<void> {
  if (message.kind !== "email") throw new Error(`Unknown outbox kind: ${message.kind}`);
  const payload = message.payload as EmailPayload;
  if (!isEmailTemplateName(payload.template)) throw new Error(`Unknown email template: ${payload.template}`);
  const rendered = await renderEmail(payload.template as EmailTemplateName, payload.props as EmailTemplates[EmailTemplateName]);
  await sender.send({ ...rendered, to: payload.to, idempotencyKey: message.id });
}

/** One pass: claim due messages, send each, record the outcome. Returns how many were sent. */
export async function processOutbox(options: { db?: Database; sender?: EmailSender; now?: Date } = {}): Promise<number> {
  const db = options.db ?? getDb();
  const sender = options.sender ?? defaultEmailSender(db);
  const now = options.now ?? clock.now();
  const messages = await claimDue(db, now);
  let sent = 0;
  for (const message of messages) {
    try {
      await deliver(message, sender);
      await markSent(db, message.id, clock.now());
      sent += 1;
    } catch (error) {
      logger.warn({ outboxId: message.id, attempts: message.attempts, err: error }, "outbox send failed");
      await markFailed(db, message, error, clock.now());
    }
  }
  return sent;
}

let timer: NodeJS.Timeout | undefined;

/** Started with the server: polls the outbox until the process ends. */
export function startOutboxWorker(): () => void {
  if (timer) return stopOutboxWorker;
  let running = false;
  timer = setInterval(() => {
    if (running) return;
    running = true;
    processOutbox()
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
