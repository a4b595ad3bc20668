import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { centres } from "./organisations";

export const outboxStatuses = ["pending", "sent", "dead"] as const;
export const outboxStatusEnum = pgEnum("outbox_status", outboxStatuses);

/** Side effects written in the same transaction as the change that causes them. */
export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").references(() => centres.id, { onDelete: "set null" }),
    kind: text("kind").notNull(),
    /**
     * The message's idempotency key, derived from what it is about (e.g. "booking-notice:confirmed:<booking>"):
     * queueing the same thing twice keeps one message, and the external call is made with this key.
     */
    key: text("key").notNull(),
    payload: jsonb("payload").notNull(),
    status: outboxStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("outbox_due").on(t.status, t.nextAttemptAt), uniqueIndex("outbox_key").on(t.key)],
);

/** Emails "sent" without RESEND_API_KEY land here and are shown at /dev/mailbox. */
export const devMailbox = pgTable(
  "dev_mailbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    outboxId: uuid("outbox_id").notNull(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  /* The outbox id is the idempotency key: a retried send stores the message once. */
  (t) => [uniqueIndex("dev_mailbox_outbox").on(t.outboxId)],
);
