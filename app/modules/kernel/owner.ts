import { eq, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/**
 * Whose a record is: a centre's (its own places, activities, calendar) or a provider's. Every list and change of
 * places, availability, offers, teams and feeds is scoped by one of these.
 */
export type Owner = { cusId: string; providerId?: undefined } | { providerId: string; cusId?: undefined };

/** The condition "this row belongs to the owner", for a table with both columns. */
export function ownedBy(owner: Owner, columns: { cusId: PgColumn; providerId: PgColumn }): SQL {
  return owner.cusId ? eq(columns.cusId, owner.cusId) : eq(columns.providerId, owner.providerId!);
}
