import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { centres, invitations, memberships, providerOrganisations, sessions, users } from "@db/schema";
import { recordAudit } from "~/modules/kernel/audit.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { toLocale, type Locale } from "~/utils/i18n";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./password.server";
import { centreStaffRoles, type Role } from "./permissions";
import { listActiveMemberships } from "./session.server";
import { normaliseEmail } from "./sign-in.server";
import { hashToken, randomToken } from "./tokens.server";
import type { Actor } from "~/modules/kernel/actor";
import { ownedBy, type Owner } from "~/modules/kernel/owner";
import { clock } from "~/modules/kernel/clock.server";

export const INVITATION_VALID_DAYS = 7;

export const invitableRoles = {
  centre: centreStaffRoles,
  provider: ["provider_admin", "provider_staff"],
} as const;

export function rolesInvitableInto(org: Owner): readonly Role[] {
  return org.cusId ? invitableRoles.centre : invitableRoles.provider;
}

function orgCondition(table: typeof memberships | typeof invitations, org: Owner) {
  return ownedBy(org, table);
}

/** The centre whose name heads emails about this organisation (a provider: its first centre). */
async function organisationNames(db: Database, org: Owner): Promise<{ organisationName: string; centreName: string }> {
  if (org.cusId) {
    const [centre] = await db.select({ name: centres.name }).from(centres).where(eq(centres.id, org.cusId));
    return { organisationName: centre?.name ?? "", centreName: centre?.name ?? "" };
  }
  const [provider] = await db
    .select({ name: providerOrganisations.name })
    .from(providerOrganisations)
    .where(eq(providerOrganisations.id, org.providerId!));
  return { organisationName: provider?.name ?? "", centreName: provider?.name ?? "" };
}

export async function listTeam(org: Owner, db: Database = getDb()) {
  const roleFilter = org.cusId ? inArray(memberships.role, [...centreStaffRoles]) : undefined;
  return db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(orgCondition(memberships, org), isNull(memberships.revokedAt), roleFilter))
    .orderBy(asc(users.name), asc(memberships.role));
}

export async function listPendingInvitations(org: Owner, db: Database = getDb(), now = clock.now()) {
  return db
    .select({ id: invitations.id, email: invitations.email, name: invitations.name, role: invitations.role, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(
      and(
        orgCondition(invitations, org),
        isNull(invitations.acceptedAt),
        isNull(invitations.cancelledAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(asc(invitations.createdAt));
}


export type InviteResult = { ok: true; invitationId: string } | { ok: false; reason: "already_member" | "role_not_allowed" };

/** Invites a person by email into a centre or a provider; the email goes out through the outbox. */
export async function inviteUser(
  input: { actor: Actor; org: Owner; email: string; name: string | null; role: Role; baseUrl: string; locale: Locale; now?: Date },
  db: Database = getDb(),
): Promise<InviteResult> {
  const now = input.now ?? clock.now();
  const email = normaliseEmail(input.email);
  if (!rolesInvitableInto(input.org).includes(input.role)) return { ok: false, reason: "role_not_allowed" };

  const existing = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, email), eq(memberships.role, input.role), orgCondition(memberships, input.org), isNull(memberships.revokedAt)))
    .limit(1);
  if (existing.length > 0) return { ok: false, reason: "already_member" };

  const [invitee] = await db.select({ locale: users.locale }).from(users).where(eq(users.email, email));
  const names = await organisationNames(db, input.org);
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + INVITATION_VALID_DAYS * 24 * 3600 * 1000);

  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .insert(invitations)
      .values({
        tokenHash: hashToken(token),
        email,
        name: input.name,
        role: input.role,
        cusId: input.org.cusId ?? null,
        providerId: input.org.providerId ?? null,
        invitedBy: input.actor.userId,
        createdAt: now,
        expiresAt,
      })
      .returning({ id: invitations.id });
    await enqueueEmail(
      tx,
      {
        to: email,
        template: "invitation",
        props: {
          locale: invitee ? toLocale(invitee.locale) : input.locale,
          centreName: names.centreName,
          organisationName: names.organisationName,
          inviterName: input.actor.name,
          inviteeName: input.name,
          role: input.role,
          acceptUrl: `${input.baseUrl}/invitations/${token}`,
          expiresAt: expiresAt.toISOString(),
        },
      },
      { cusId: input.org.cusId ?? null },
    );
    await recordAudit(tx, input.actor, {
      action: "invitation.created",
      entityType: "invitation",
      entityId: invitation!.id,
      cusId: input.org.cusId ?? null,
      after: { email, role: input.role, providerId: input.org.providerId ?? null },
    });
    return { ok: true as const, invitationId: invitation!.id };
  });
}

export async function cancelInvitation(input: { actor: Actor; org: Owner; invitationId: string }, db: Database = getDb()) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ cancelledAt: clock.now() })
      .where(and(eq(invitations.id, input.invitationId), orgCondition(invitations, input.org), isNull(invitations.acceptedAt)))
      .returning();
    if (!row) return false;
    await recordAudit(tx, input.actor, {
      action: "invitation.cancelled",
      entityType: "invitation",
      entityId: row.id,
      cusId: row.cusId,
      before: { email: row.email, role: row.role },
    });
    return true;
  });
}

export type InvitationView = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  organisationName: string;
  hasAccount: boolean;
};

export async function findInvitation(token: string, db: Database = getDb(), now = clock.now()): Promise<InvitationView | null> {
  const [row] = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.cancelledAt),
        gt(invitations.expiresAt, now),
      ),
    );
  if (!row) return null;
  const org: Owner = row.cusId ? { cusId: row.cusId } : { providerId: row.providerId! };
  const { organisationName } = await organisationNames(db, org);
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, row.email));
  return { id: row.id, email: row.email, name: row.name, role: row.role, organisationName, hasAccount: !!user };
}

export type AcceptResult =
  | { ok: true; userId: string; email: string; membershipId: string }
  | { ok: false; reason: "invalid" | "wrong_account" | "too_short" | "name_required" };

/**
 * Accepts an invitation: as the signed-in user whose email it was sent to, or by creating the
 * account with a name and password when none exists yet.
 */
export async function acceptInvitation(
  input: { token: string; ip: string; signedInUserId?: string; newAccount?: { name: string; password: string }; locale: Locale; now?: Date },
  db: Database = getDb(),
): Promise<AcceptResult> {
  const now = input.now ?? clock.now();
  const view = await findInvitation(input.token, db, now);
  if (!view) return { ok: false, reason: "invalid" };
  const [existingUser] = await db.select().from(users).where(eq(users.email, view.email));
  if (existingUser && existingUser.id !== input.signedInUserId) return { ok: false, reason: "wrong_account" };
  if (!existingUser) {
    if (!input.newAccount?.name.trim()) return { ok: false, reason: "name_required" };
    if (input.newAccount.password.length < MIN_PASSWORD_LENGTH) return { ok: false, reason: "too_short" };
  }
  const passwordHash = existingUser ? null : await hashPassword(input.newAccount!.password);

  return db.transaction(async (tx) => {
    // The conditional update claims the invitation once, even if the form is sent twice.
    const [invitation] = await tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(and(eq(invitations.id, view.id), isNull(invitations.acceptedAt), isNull(invitations.cancelledAt)))
      .returning();
    if (!invitation) return { ok: false as const, reason: "invalid" as const };
    const user =
      existingUser ??
      (await tx
        .insert(users)
        .values({ email: invitation.email, name: input.newAccount!.name.trim(), passwordHash, locale: input.locale })
        .returning())[0]!;
    const [inserted] = await tx
      .insert(memberships)
      .values({ userId: user.id, role: invitation.role, cusId: invitation.cusId, providerId: invitation.providerId })
      .onConflictDoNothing()
      .returning({ id: memberships.id });
    const membershipId =
      inserted?.id ??
      (await listActiveMemberships(user.id, tx)).find(
        (m) => m.role === invitation.role && m.cusId === invitation.cusId && m.providerId === invitation.providerId,
      )!.id;
    const invitee = { userId: user.id, email: user.email, ip: input.ip };
    await recordAudit(tx, invitee, { cusId: invitation.cusId, action: "invitation.accepted", entityType: "invitation", entityId: invitation.id });
    await recordAudit(tx, invitee, {
      cusId: invitation.cusId,
      action: "membership.created",
      entityType: "membership",
      entityId: membershipId,
      after: { userId: user.id, role: invitation.role, providerId: invitation.providerId },
    });
    return { ok: true as const, userId: user.id, email: user.email, membershipId };
  });
}

export type RoleChangeResult = { ok: true } | { ok: false; reason: "not_found" | "self" | "role_not_allowed" | "already_member" };

/**
 * Locks another person's active membership of the organisation for a change; nobody changes or removes their
 * own (a director cannot lock themselves out, and two directors cannot change each other's role at once).
 */
async function lockOthersMembership(tx: Database, input: { actor: Actor; org: Owner; membershipId: string }) {
  const [current] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.id, input.membershipId), orgCondition(memberships, input.org), isNull(memberships.revokedAt)))
    .for("update");
  if (!current) return { ok: false as const, reason: "not_found" as const };
  if (current.userId === input.actor.userId) return { ok: false as const, reason: "self" as const };
  return { ok: true as const, current };
}

/** A director changes a team member's role; the audit row keeps before and after. */
export async function changeRole(
  input: { actor: Actor; org: Owner; membershipId: string; role: Role },
  db: Database = getDb(),
): Promise<RoleChangeResult> {
  if (!rolesInvitableInto(input.org).includes(input.role)) return { ok: false, reason: "role_not_allowed" };
  return db.transaction(async (tx) => {
    const locked = await lockOthersMembership(tx, input);
    if (!locked.ok) return locked;
    const { current } = locked;
    if (current.role === input.role) return { ok: true as const };
    const clash = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.userId, current.userId), eq(memberships.role, input.role), orgCondition(memberships, input.org), isNull(memberships.revokedAt)));
    if (clash.length > 0) return { ok: false as const, reason: "already_member" as const };
    await tx.update(memberships).set({ role: input.role }).where(eq(memberships.id, current.id));
    await recordAudit(tx, input.actor, {
      action: "membership.role_changed",
      entityType: "membership",
      entityId: current.id,
      cusId: current.cusId,
      before: { userId: current.userId, role: current.role },
      after: { userId: current.userId, role: input.role },
    });
    return { ok: true as const };
  });
}

export async function revokeMembership(
  input: { actor: Actor; org: Owner; membershipId: string },
  db: Database = getDb(),
): Promise<RoleChangeResult> {
  return db.transaction(async (tx) => {
    const locked = await lockOthersMembership(tx, input);
    if (!locked.ok) return locked;
    const { current } = locked;
    await tx.update(memberships).set({ revokedAt: clock.now() }).where(eq(memberships.id, current.id));
    // Sessions working in this membership lose it at once.
    await tx.update(sessions).set({ membershipId: null }).where(eq(sessions.membershipId, current.id));
    await recordAudit(tx, input.actor, {
      action: "membership.revoked",
      entityType: "membership",
      entityId: current.id,
      cusId: current.cusId,
      before: { userId: current.userId, role: current.role },
    });
    return { ok: true as const };
  });
}

/** Moves the session into another of the user's memberships. */
export async function switchMembership(
  input: { sessionId: string; userId: string; email: string; membershipId: string; ip: string },
  db: Database = getDb(),
): Promise<{ ok: true; role: Role } | { ok: false }> {
  const target = (await listActiveMemberships(input.userId, db)).find((m) => m.id === input.membershipId);
  if (!target) return { ok: false };
  await db.transaction(async (tx) => {
    await tx.update(sessions).set({ membershipId: target.id }).where(eq(sessions.id, input.sessionId));
    await recordAudit(tx, input, {
      action: "membership.switched",
      entityType: "membership",
      entityId: target.id,
      cusId: target.cusId,
    });
  });
  return { ok: true, role: target.role };
}

export async function setUserLocale(userId: string, locale: Locale, db: Database = getDb()): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}
