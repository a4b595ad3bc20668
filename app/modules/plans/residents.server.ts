import { and, asc, count, desc, eq, ilike, isNull, or, sql } from "drizzle-orm";
import { auditForeignAttempt, recordAudit } from "~/modules/kernel/audit.server";
import type { ResidentInput } from "./resident-form";
import { getDb, type Database } from "@db/client";
import { centreProviders, providerOrganisations, residentConsents, residents } from "@db/schema";
import type { ConsentMethod, ConsentPurpose } from "./consents";
import { escapeLike } from "~/utils/sql-like";
import { searchWords } from "~/modules/kernel/search-text";
import { isUuid } from "~/modules/kernel/ids";
import type { Actor } from "~/modules/kernel/actor";
import { clock } from "~/modules/kernel/clock.server";

export const RESIDENTS_PAGE_SIZE = 50;

/**
 * The centre's residents, or those matching what a coordinator typed: a PESEL, a document number, a phone
 * number (any spacing, with or without +48), or words of the name in any order, each the start of a word of it,
 * diacritics optional ("woz", "marian wozniak", "Woźniak M"). Exact identifiers first, then the closest names.
 * Only the fields a coordinator's list needs (no PESEL).
 */
export async function listResidents(cusId: string, options: { search?: string } = {}, db: Database = getDb()) {
  const query = residentQuery(options.search ?? "");
  const columns = { id: residents.id, firstName: residents.firstName, lastName: residents.lastName, gminaName: residents.gminaName, phone: residents.phone };
  if (!query) return db.select(columns).from(residents).where(eq(residents.cusId, cusId)).orderBy(asc(residents.lastName), asc(residents.firstName)).limit(RESIDENTS_PAGE_SIZE);
  const exact = or(
    query.pesel ? eq(residents.pesel, query.pesel) : undefined,
    query.phone ? eq(residents.phoneDigits, query.phone) : undefined,
    query.document ? eq(residents.documentKey, query.document) : undefined,
  );
  // The trigram index finds the rows holding each word; the second test keeps those where it starts a word.
  const named = query.words.length
    ? and(...query.words.map((w) => sql`${residents.searchName} like ${`%${escapeLike(w)}%`} and (' ' || ${residents.searchName}) like ${`% ${escapeLike(w)}%`}`))
    : undefined;
  // Typed, but nothing a resident could be found by ("%", "--"): nobody, rather than everybody.
  if (!exact && !named) return [];
  return db
    .select(columns)
    .from(residents)
    .where(and(eq(residents.cusId, cusId), or(exact, named)))
    .orderBy(
      sql`case when ${exact ?? sql`false`} then 0 else 1 end`,
      sql`similarity(${residents.searchName}, ${query.words.join(" ")}) desc`,
      asc(residents.lastName),
      asc(residents.firstName),
    )
    .limit(RESIDENTS_PAGE_SIZE);
}

/** What a typed search can be: identifiers (each only when the text has that shape) and the name's words. */
export function residentQuery(typed: string): { words: string[]; pesel: string | null; phone: string | null; document: string | null } | null {
  const text = typed.trim().slice(0, 200);
  if (!text) return null;
  const digits = /^[\d\s()+-]+$/.test(text) ? text.replace(/\D/g, "") : "";
  const compact = text.replace(/[\s-]/g, "").toUpperCase();
  return {
    words: digits ? [] : searchWords(text),
    pesel: digits.length === 11 ? digits : null,
    phone: digits.length >= 9 ? digits.slice(-9) : null,
    document: /^[A-Z]{2,3}\d{4,}$/.test(compact) ? compact : null,
  };
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


/** Possible duplicates: the same PESEL, or the same name and birth date, in the centre. */
export async function findDuplicateResidents(cusId: string, input: { pesel: string | null; firstName: string; lastName: string; birthDate: string | null }, db: Database = getDb()) {
  const conditions = [];
  if (input.pesel) conditions.push(eq(residents.pesel, input.pesel));
  if (input.birthDate) conditions.push(and(ilike(residents.firstName, escapeLike(input.firstName)), ilike(residents.lastName, escapeLike(input.lastName)), eq(residents.birthDate, input.birthDate)));
  if (conditions.length === 0) return [];
  return db
    .select({ id: residents.id, firstName: residents.firstName, lastName: residents.lastName, birthDate: residents.birthDate, samePesel: sql<boolean>`${residents.pesel} is not distinct from ${input.pesel}` })
    .from(residents)
    .where(and(eq(residents.cusId, cusId), or(...conditions)));
}

/**
 * Registers a resident. The same PESEL is refused (it is the same person); the same name and birth date
 * is a warning the coordinator must confirm.
 */
export async function createResident(
  input: { cusId: string; resident: ResidentInput; confirmDuplicate: boolean; actor: Actor },
  db: Database = getDb(),
): Promise<{ ok: true; residentId: string } | { ok: false; reason: "same_pesel" | "possible_duplicate"; duplicates: { id: string; name: string; birthDate: string | null }[] }> {
  const duplicates = await findDuplicateResidents(input.cusId, input.resident, db);
  const listed = duplicates.map((d) => ({ id: d.id, name: `${d.firstName} ${d.lastName}`, birthDate: d.birthDate }));
  if (duplicates.some((d) => d.samePesel && input.resident.pesel)) return { ok: false, reason: "same_pesel", duplicates: listed };
  if (duplicates.length && !input.confirmDuplicate) return { ok: false, reason: "possible_duplicate", duplicates: listed };
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(residents).values({ cusId: input.cusId, ...input.resident }).returning({ id: residents.id });
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "resident.created", entityType: "resident", entityId: row!.id, after: { ...input.resident, pesel: input.resident.pesel ? "***" : null } });
    return { ok: true as const, residentId: row!.id };
  });
}

/** A resident's full record for centre staff. Every read is written to the audit log (special-category data). */
export async function readResidentRecord(cusId: string, residentId: string, actor: Actor, db: Database = getDb()) {
  if (!isUuid(residentId)) return null;
  const [row] = await db.select().from(residents).where(and(eq(residents.id, residentId), eq(residents.cusId, cusId)));
  if (!row) {
    await auditForeignAttempt(db, actor, { table: residents, id: residentId, entityType: "resident", action: "resident.read" });
    return null;
  }
  await recordAudit(db, actor, { cusId, action: "resident.read", entityType: "resident", entityId: row.id });
  return row;
}

/** The resident's consents by purpose, newest first (withdrawn ones stay, with the date). */
export async function listConsents(cusId: string, residentId: string, db: Database = getDb()) {
  return db
    .select({ consent: residentConsents, providerName: providerOrganisations.name })
    .from(residentConsents)
    .leftJoin(providerOrganisations, eq(providerOrganisations.id, residentConsents.providerId))
    .where(and(eq(residentConsents.cusId, cusId), eq(residentConsents.residentId, residentId)))
    .orderBy(desc(residentConsents.givenAt));
}

/** Records a consent for one purpose (sharing data with a provider names the provider). */
export async function giveConsent(
  input: { cusId: string; residentId: string; purpose: ConsentPurpose; providerId: string | null; method: ConsentMethod; actor: Actor },
  db: Database = getDb(),
) {
  if (input.purpose === "share_with_provider" && !input.providerId) return { ok: false as const, reason: "provider_required" as const };
  return db.transaction(async (tx) => {
    const [resident] = await tx.select({ id: residents.id }).from(residents).where(and(eq(residents.id, input.residentId), eq(residents.cusId, input.cusId)));
    if (!resident) return { ok: false as const, reason: "not_found" as const };
    if (input.purpose === "share_with_provider") {
      // Data is shared only with a provider that works with this centre.
      const [partner] = await tx.select({ status: centreProviders.status }).from(centreProviders).where(and(eq(centreProviders.cusId, input.cusId), eq(centreProviders.providerId, input.providerId!)));
      if (!partner) return { ok: false as const, reason: "provider_not_partner" as const };
    }
    const [row] = await tx
      .insert(residentConsents)
      .values({ cusId: input.cusId, residentId: input.residentId, purpose: input.purpose, providerId: input.purpose === "share_with_provider" ? input.providerId : null, method: input.method, recordedBy: input.actor.userId })
      .returning();
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "consent.given", entityType: "resident", entityId: input.residentId, after: { purpose: input.purpose, providerId: row!.providerId, method: input.method } });
    return { ok: true as const };
  });
}

export async function withdrawConsent(input: { cusId: string; consentId: string; actor: Actor }, db: Database = getDb()) {
  if (!isUuid(input.consentId)) return { ok: false as const };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(residentConsents)
      .set({ withdrawnAt: clock.now() })
      .where(and(eq(residentConsents.id, input.consentId), eq(residentConsents.cusId, input.cusId), isNull(residentConsents.withdrawnAt)))
      .returning();
    if (!row) return { ok: false as const };
    await recordAudit(tx, input.actor, { cusId: input.cusId, action: "consent.withdrawn", entityType: "resident", entityId: row.residentId, after: { purpose: row.purpose } });
    return { ok: true as const };
  });
}
