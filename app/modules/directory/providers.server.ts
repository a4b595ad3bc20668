import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { centreProviders, centres, memberships, providerOrganisations, users } from "@db/schema";
import { recordAudit } from "~/modules/kernel/audit.server";
import { hashPassword, MIN_PASSWORD_LENGTH } from "~/modules/identity/password.server";
import { normaliseEmail } from "~/modules/identity/sign-in.server";
import type { Locale } from "~/utils/i18n";
import type { ProviderProfileInput } from "./provider-form";
import type { Actor } from "~/modules/kernel/actor";
import { clock } from "~/modules/kernel/clock.server";


export type RegisterResult =
  | { ok: true; providerId: string; userId: string }
  | { ok: false; field: "accountEmail" | "password" | "nip" | "centreId"; reason: string };

/** Centres a provider can ask to work with (all of them: a provider may serve several). */
export async function listCentresForRegistration(db: Database = getDb()) {
  return db.select({ id: centres.id, name: centres.name, city: centres.city }).from(centres).orderBy(asc(centres.name));
}

/**
 * A provider registers itself: its organisation, the first administrator's account, and a request to
 * work with one centre, which waits for the organiser's verification.
 */
export async function registerProvider(
  input: { profile: ProviderProfileInput; account: { name: string; email: string; password: string }; centreId: string; ip: string; locale: Locale },
  db: Database = getDb(),
): Promise<RegisterResult> {
  const email = normaliseEmail(input.account.email);
  if (input.account.password.length < MIN_PASSWORD_LENGTH) return { ok: false, field: "password", reason: "reset.tooShort" };
  const [existingUser] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existingUser) return { ok: false, field: "accountEmail", reason: "provider.errors.accountExists" };
  const [existingNip] = await db.select({ id: providerOrganisations.id }).from(providerOrganisations).where(eq(providerOrganisations.nip, input.profile.nip));
  if (existingNip) return { ok: false, field: "nip", reason: "provider.errors.nipTaken" };
  const [centre] = await db.select({ id: centres.id }).from(centres).where(eq(centres.id, input.centreId));
  if (!centre) return { ok: false, field: "centreId", reason: "provider.errors.centre" };
  const passwordHash = await hashPassword(input.account.password);

  return db.transaction(async (tx) => {
    const [provider] = await tx.insert(providerOrganisations).values(input.profile).returning({ id: providerOrganisations.id });
    const [user] = await tx
      .insert(users)
      .values({ email, name: input.account.name.trim(), passwordHash, locale: input.locale })
      .returning({ id: users.id });
    await tx.insert(memberships).values({ userId: user!.id, role: "provider_admin", providerId: provider!.id });
    await tx.insert(centreProviders).values({ cusId: centre.id, providerId: provider!.id, status: "pending" });
    const registrant = { userId: user!.id, email, ip: input.ip };
    await recordAudit(tx, registrant, { cusId: centre.id, action: "provider.registered", entityType: "provider", entityId: provider!.id, after: input.profile });
    await recordAudit(tx, registrant, { action: "membership.created", entityType: "membership", entityId: provider!.id, after: { role: "provider_admin" } });
    return { ok: true as const, providerId: provider!.id, userId: user!.id };
  });
}

export async function updateProviderProfile(providerId: string, profile: ProviderProfileInput, actor: Actor, db: Database = getDb()) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(providerOrganisations).where(eq(providerOrganisations.id, providerId)).for("update");
    if (!before) return { ok: false as const };
    if (before.nip !== profile.nip) {
      const [taken] = await tx.select({ id: providerOrganisations.id }).from(providerOrganisations).where(eq(providerOrganisations.nip, profile.nip));
      if (taken) return { ok: false as const, field: "nip", reason: "provider.errors.nipTaken" };
    }
    await tx.update(providerOrganisations).set({ ...profile, updatedAt: clock.now() }).where(eq(providerOrganisations.id, providerId));
    await recordAudit(tx, actor, { action: "provider.updated", entityType: "provider", entityId: providerId, before, after: profile });
    return { ok: true as const };
  });
}

export type ProviderDecision = "verify" | "return" | "suspend";
const decisionStatus = { verify: "verified", return: "returned", suspend: "suspended" } as const;

/** The organiser verifies a provider for their centre, returns it with a reason, or suspends it. */
export async function reviewProvider(
  input: { cusId: string; providerId: string; decision: ProviderDecision; note: string | null; actor: Actor },
  db: Database = getDb(),
): Promise<{ ok: true } | { ok: false; reason: "not_found" | "note_required" }> {
  if (input.decision !== "verify" && !input.note?.trim()) return { ok: false, reason: "note_required" };
  return db.transaction(async (tx) => {
    const [link] = await tx
      .select()
      .from(centreProviders)
      .where(and(eq(centreProviders.cusId, input.cusId), eq(centreProviders.providerId, input.providerId)))
      .for("update");
    if (!link) return { ok: false as const, reason: "not_found" as const };
    const status = decisionStatus[input.decision];
    const note = input.decision === "verify" ? null : input.note!.trim();
    await tx
      .update(centreProviders)
      .set({ status, reviewNote: note, reviewedAt: clock.now(), reviewedBy: input.actor.userId })
      .where(and(eq(centreProviders.cusId, input.cusId), eq(centreProviders.providerId, input.providerId)));
    await recordAudit(tx, input.actor, {
      cusId: input.cusId,
      action: `provider.${input.decision === "verify" ? "verified" : input.decision === "return" ? "returned" : "suspended"}`,
      entityType: "provider",
      entityId: input.providerId,
      before: { status: link.status },
      after: { status, note },
    });
    return { ok: true as const };
  });
}

/** The provider answers a return (or asks to work with another centre): back to pending. */
export async function requestVerification(
  input: { providerId: string; cusId: string; reply: string | null; actor: Actor },
  db: Database = getDb(),
): Promise<{ ok: true } | { ok: false; reason: "not_found" | "not_returned" }> {
  return db.transaction(async (tx) => {
    const [link] = await tx
      .select()
      .from(centreProviders)
      .where(and(eq(centreProviders.cusId, input.cusId), eq(centreProviders.providerId, input.providerId)));
    if (link?.status === "verified" || link?.status === "suspended" || link?.status === "pending") return { ok: false as const, reason: "not_returned" as const };
    if (!link) {
      const [centre] = await tx.select({ id: centres.id }).from(centres).where(eq(centres.id, input.cusId));
      if (!centre) return { ok: false as const, reason: "not_found" as const };
    }
    if (link) {
      await tx
        .update(centreProviders)
        .set({ status: "pending", providerReply: input.reply })
        .where(and(eq(centreProviders.cusId, input.cusId), eq(centreProviders.providerId, input.providerId)));
    } else {
      await tx.insert(centreProviders).values({ cusId: input.cusId, providerId: input.providerId, status: "pending", providerReply: input.reply });
    }
    await recordAudit(tx, input.actor, {
      cusId: input.cusId,
      action: "provider.verification_requested",
      entityType: "provider",
      entityId: input.providerId,
      after: { reply: input.reply },
    });
    return { ok: true as const };
  });
}

export async function getProviderLink(cusId: string, providerId: string, db: Database = getDb()) {
  const [row] = await db
    .select({ provider: providerOrganisations, status: centreProviders.status, reviewNote: centreProviders.reviewNote, providerReply: centreProviders.providerReply })
    .from(centreProviders)
    .innerJoin(providerOrganisations, eq(providerOrganisations.id, centreProviders.providerId))
    .where(and(eq(centreProviders.cusId, cusId), eq(centreProviders.providerId, providerId)));
  return row ?? null;
}

export async function isVerifiedFor(cusId: string, providerId: string, db: Database = getDb()): Promise<boolean> {
  const [row] = await db
    .select({ status: centreProviders.status })
    .from(centreProviders)
    .where(and(eq(centreProviders.cusId, cusId), eq(centreProviders.providerId, providerId), inArray(centreProviders.status, ["verified"])));
  return !!row;
}

/** Providers waiting for this centre's organiser. */
export async function listProvidersForReview(cusId: string, db: Database = getDb()) {
  return db
    .select({ id: providerOrganisations.id, name: providerOrganisations.name, legalForm: providerOrganisations.legalForm, city: providerOrganisations.city, since: centreProviders.since, providerReply: centreProviders.providerReply })
    .from(centreProviders)
    .innerJoin(providerOrganisations, eq(providerOrganisations.id, centreProviders.providerId))
    .where(and(eq(centreProviders.cusId, cusId), eq(centreProviders.status, "pending")))
    .orderBy(asc(centreProviders.since));
}
