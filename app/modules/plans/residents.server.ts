import { and, asc, count, eq, ilike, or } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { residents } from "@db/schema";
import { escapeLike } from "~/utils/sql-like";

export const RESIDENTS_PAGE_SIZE = 50;

/** The centre's residents: only the fields a coordinator's list needs (no PESEL). */
export async function listResidents(cusId: string, options: { search?: string } = {}, db: Database = getDb()) {
  const term = options.search?.trim() ? escapeLike(options.search.trim()) : undefined;
  return db
    .select({
      id: residents.id,
      firstName: residents.firstName,
      lastName: residents.lastName,
      gminaName: residents.gminaName,
      phone: residents.phone,
    })
    .from(residents)
    .where(
      and(
        eq(residents.cusId, cusId),
        term ? or(ilike(residents.lastName, `${term}%`), ilike(residents.firstName, `${term}%`)) : undefined,
      ),
    )
    .orderBy(asc(residents.lastName), asc(residents.firstName))
    .limit(RESIDENTS_PAGE_SIZE);
}

export async function countResidents(cusId: string, db: Database = getDb()): Promise<number> {
  const [row] = await db.select({ n: count() }).from(residents).where(eq(residents.cusId, cusId));
  return row?.n ?? 0;
}

/** A resident's own record, found through their account. */
export async function getOwnResidentRecord(userId: string, cusId: string, db: Database = getDb()) {
  const [row] = await db
    .select()
    .from(residents)
    .where(and(eq(residents.userId, userId), eq(residents.cusId, cusId)));
  return row ?? null;
}
