import { Resend } from "resend";
import type { Database } from "@db/client";
import { devMailbox } from "@db/schema";
import type { RenderedEmail } from "@emails/index";

export type OutgoingEmail = RenderedEmail & { to: string; idempotencyKey: string };
export type EmailSender = { name: string; send(email: OutgoingEmail): Promise<void> };

export function resendSender(apiKey: string, from: string): EmailSender {
  const client = new Resend(apiKey);
  return {
    name: "resend",
    async send(email) {
      const { error } = await client.emails.send(
        { from, to: email.to, subject: email.subject, html: email.html, text: email.text },
        { idempotencyKey: email.idempotencyKey },
      );
      if (error) throw new Error(`Resend: ${error.name}: ${error.message}`);
    },
  };
}

/** Without an API key, messages are kept for the development mailbox; the key makes a retry store once. */
export function devMailboxSender(db: Database): EmailSender {
  return {
    name: "dev-mailbox",
    async send(email) {
      await db
        .insert(devMailbox)
        .values({ outboxId: email.idempotencyKey, to: email.to, subject: email.subject, html: email.html, text: email.text })
        .onConflictDoNothing({ target: devMailbox.outboxId });
    },
  };
}
