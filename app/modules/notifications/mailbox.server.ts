import { desc, eq } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { devMailbox } from "@db/schema";
import { centreStaffRoles, type Role } from "~/modules/identity/permissions";
import { getSessionContext } from "~/modules/identity/session.server";
import { forbidden, notFound } from "~/modules/kernel/boundary.server";
import { isProduction } from "~/utils/env.server";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * The development mailbox holds every email the demo "sent", password-reset links included, so it is not for
 * everyone who can reach the demo: only signed-in centre staff, or a browser on the machine the portal runs
 * on. In production it does not exist.
 */
export function mailboxVisibleTo(reader: { ip: string; role: Role | null | undefined }): boolean {
  if (isProduction()) return false;
  if (LOOPBACK.has(reader.ip)) return true;
  return !!reader.role && (centreStaffRoles as readonly string[]).includes(reader.role);
}

/** The gate of every mailbox page: 404 in production, 403 for anyone else who may not read it. */
export async function requireMailbox(request: Request, context: { ip: string }): Promise<void> {
  if (isProduction()) throw notFound();
  const role = (await getSessionContext(request))?.membership?.role;
  if (!mailboxVisibleTo({ ip: context.ip, role })) throw forbidden();
}

export async function listMailbox(db: Database = getDb()) {
  return db
    .select({ id: devMailbox.id, to: devMailbox.to, subject: devMailbox.subject, createdAt: devMailbox.createdAt })
    .from(devMailbox)
    .orderBy(desc(devMailbox.createdAt))
    .limit(200);
}

export async function getMailboxMessage(id: string, db: Database = getDb()) {
  const [row] = await db.select().from(devMailbox).where(eq(devMailbox.id, id));
  return row ?? null;
}
