import { desc, eq } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { devMailbox } from "@db/schema";
import { isUuid } from "~/utils/ids";

export async function listMailbox(db: Database = getDb()) {
  return db
    .select({ id: devMailbox.id, to: devMailbox.to, subject: devMailbox.subject, createdAt: devMailbox.createdAt })
    .from(devMailbox)
    .orderBy(desc(devMailbox.createdAt))
    .limit(200);
}

export async function getMailboxMessage(id: string, db: Database = getDb()) {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(devMailbox).where(eq(devMailbox.id, id));
  return row ?? null;
}
