import { eq } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "@db/client";
import { auditLog } from "@db/schema";
import { clock } from "./clock.server";

/** Who an audit row names: a person (with the address they came from), or a typed email with no account. */
export type AuditActor = { userId: string | null; email: string | null; ip: string | null };

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  cusId?: string | null;
  before?: unknown;
  after?: unknown;
};

/**
 * Records who did what to which record. Pass the transaction that makes the change, so the row exists exactly
 * when the change does. `null` is the portal itself (a background worker).
 */
export async function recordAudit(db: Database, actor: AuditActor | null, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    cusId: entry.cusId ?? null,
    actorUserId: actor?.userId ?? null,
    actorEmail: actor?.email ?? null,
    ip: actor?.ip ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    at: clock.now(),
  });
}

/**
 * A refused attempt at a record the person may not reach (another centre's, another provider's): audited in
 * the centre that owns the record, so its director sees who tried.
 */
export async function recordRefusal(db: Database, actor: AuditActor, attempt: { action: string; entityType: string; entityId: string; ownerCusId: string | null }): Promise<void> {
  await recordAudit(db, actor, { action: "access.refused", entityType: attempt.entityType, entityId: attempt.entityId, cusId: attempt.ownerCusId, after: { attempted: attempt.action } });
}

type TenantTable = PgTable & { id: PgColumn; cusId: PgColumn };

/**
 * After a record was not found in the person's own centre: if it exists in another one, that was an attempt
 * across tenants, and it is audited there (as `access.refused`). The caller answers "not found" either way.
 */
export async function auditForeignAttempt(db: Database, actor: AuditActor, target: { table: TenantTable; id: string; entityType: string; action: string }): Promise<void> {
  const [row] = await db.select({ cusId: target.table.cusId }).from(target.table as PgTable).where(eq(target.table.id, target.id)).limit(1);
  if (row) await recordRefusal(db, actor, { action: target.action, entityType: target.entityType, entityId: target.id, ownerCusId: row.cusId as string | null });
}
