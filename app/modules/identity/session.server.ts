import { createCookie, redirect } from "@remix-run/node";
import { and, asc, desc, eq, gt, isNull } from "drizzle-orm";
import { getDb, type Database } from "@db/client";
import { centres, memberships, providerOrganisations, sessions, users } from "@db/schema";
import { env, isProduction } from "~/utils/env.server";
import type { Role } from "./permissions";
import { hashToken, randomToken } from "./tokens.server";
import { clock } from "~/modules/kernel/clock.server";

/** A session ends after this long without activity… */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** …and in any case this long after sign-in. */
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;

const DEV_SECRET = "development-only-secret-do-not-use-in-production";

export const sessionCookie = createCookie("cus_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: isProduction(),
  secrets: [env().SESSION_SECRET ?? DEV_SECRET],
});

export type ActiveMembership = {
  id: string;
  role: Role;
  cusId: string | null;
  providerId: string | null;
  organisationName: string;
};

export type SessionContext = {
  sessionId: string;
  user: { id: string; email: string; name: string; locale: string };
  membership: ActiveMembership | null;
};

export async function listActiveMemberships(userId: string, db: Database = getDb()): Promise<ActiveMembership[]> {
  const rows = await db
    .select({
      id: memberships.id,
      role: memberships.role,
      cusId: memberships.cusId,
      providerId: memberships.providerId,
      centreName: centres.name,
      providerName: providerOrganisations.name,
    })
    .from(memberships)
    .leftJoin(centres, eq(centres.id, memberships.cusId))
    .leftJoin(providerOrganisations, eq(providerOrganisations.id, memberships.providerId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.revokedAt)))
    .orderBy(asc(memberships.createdAt), asc(memberships.id));
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    cusId: r.cusId,
    providerId: r.providerId,
    organisationName: r.centreName ?? r.providerName ?? "",
  }));
}

/** Starts a session in the membership the user last worked in, else the first one. */
export async function createSession(
  db: Database,
  input: { userId: string; ip: string; userAgent: string | null; now?: Date },
): Promise<{ token: string; sessionId: string; membershipId: string | null }> {
  const now = input.now ?? clock.now();
  const active = await listActiveMemberships(input.userId, db);
  const [last] = await db
    .select({ membershipId: sessions.membershipId })
    .from(sessions)
    .where(eq(sessions.userId, input.userId))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(1);
  const membershipId =
    active.find((m) => m.id === last?.membershipId)?.id ?? active[0]?.id ?? null;
  const token = randomToken();
  const sessionId = hashToken(token);
  await db.insert(sessions).values({
    id: sessionId,
    userId: input.userId,
    membershipId,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 500) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
  });
  return { token, sessionId, membershipId };
}

export async function commitSessionCookie(token: string): Promise<string> {
  return sessionCookie.serialize(token, { maxAge: SESSION_MAX_MS / 1000 });
}

export async function clearSessionCookie(): Promise<string> {
  return sessionCookie.serialize("", { maxAge: 0 });
}

async function tokenFrom(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The signed-in user and active membership, or null. Slides the idle expiry forward. */
export async function getSessionContext(request: Request, db: Database = getDb()): Promise<SessionContext | null> {
  const token = await tokenFrom(request);
  if (!token) return null;
  const sessionId = hashToken(token);
  const now = clock.now();
  const [row] = await db
    .select({
      sessionId: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      membershipId: sessions.membershipId,
      userId: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      disabledAt: users.disabledAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row || row.disabledAt || now.getTime() - row.createdAt.getTime() > SESSION_MAX_MS) return null;

  // Touch at most once a minute to keep reads cheap.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS) })
      .where(eq(sessions.id, sessionId));
  }

  let membership: ActiveMembership | null = null;
  if (row.membershipId) {
    const active = await listActiveMemberships(row.userId, db);
    membership = active.find((m) => m.id === row.membershipId) ?? null;
  }
  return {
    sessionId: row.sessionId,
    user: { id: row.userId, email: row.email, name: row.name, locale: row.locale },
    membership,
  };
}

export async function revokeSession(sessionId: string, db: Database = getDb()): Promise<void> {
  await db.update(sessions).set({ revokedAt: clock.now() }).where(eq(sessions.id, sessionId));
}

export async function revokeAllSessions(userId: string, db: Database = getDb()): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: clock.now() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

/** Sends a signed-out visitor to sign in, remembering where they were going. */
export async function requireSession(request: Request): Promise<SessionContext> {
  const context = await getSessionContext(request);
  if (!context) {
    const url = new URL(request.url);
    const next = url.pathname + url.search;
    throw redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  }
  return context;
}
