import { and, desc, eq, gte, ilike, inArray, isNull, lt, or, type SQL } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { auditLog, memberships } from "@db/schema";
import { escapeLike } from "~/utils/sql-like";

export type AuditFilter = {
  action?: string;
  actor?: string;
  entityType?: string;
  from?: Date;
  to?: Date;
  page?: number;
};

export const AUDIT_PAGE_SIZE = 50;

/**
 * The centre's log: rows tagged with the centre, plus account events (sign-in, reset) of people
 * who hold a role in it.
 */
export async function listAudit(cusId: string, filter: AuditFilter, db: Database = getDb()) {
  const centreMembers = db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(eq(memberships.cusId, cusId));
  const conditions: SQL[] = [
    or(eq(auditLog.cusId, cusId), and(isNull(auditLog.cusId), inArray(auditLog.actorUserId, centreMembers)))!,
  ];
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.actor) conditions.push(ilike(auditLog.actorEmail, `%${escapeLike(filter.actor.trim())}%`));
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lt(auditLog.at, filter.to));
  const page = Math.max(1, filter.page ?? 1);
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE, page };
}

export async function listAuditActions(cusId: string, db: Database = getDb()): Promise<string[]> {
  const rows = await db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(or(eq(auditLog.cusId, cusId), isNull(auditLog.cusId)))
    .orderBy(auditLog.action);
  return rows.map((r) => r.action);
}
