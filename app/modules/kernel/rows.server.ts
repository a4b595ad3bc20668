import type { SQL } from "drizzle-orm";
import type { Database } from "@db/client";

/**
 * The rows of a hand-written statement, whichever driver runs it (postgres.js answers with an array of rows,
 * PGlite with `{ rows }`). For the few statements the query builder cannot express, such as one with
 * data-modifying CTEs; return text, numbers and booleans from them (drivers parse timestamps differently).
 */
export async function rowsOf<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
