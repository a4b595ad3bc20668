import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { centres } from "./organisations";

/** Append-only record of who did what to which record. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cusId: uuid("cus_id").references(() => centres.id, { onDelete: "set null" }),
    /** The user who acted, or whose account was acted on (failed sign-in). No FK: the log outlives users. */
    actorUserId: uuid("actor_user_id"),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_cus_at").on(t.cusId, t.at),
    index("audit_log_actor_at").on(t.actorUserId, t.at),
    index("audit_log_entity").on(t.entityType, t.entityId),
  ],
);
