import { requireSession, type ActiveMembership, type SessionContext } from "./session.server";
import { can, type Permission } from "./permissions";

export type AccessContext = SessionContext & { membership: ActiveMembership };

/**
 * The gate every loader and action passes: signed out → sign-in page; signed in without the
 * permission for the active membership → 403.
 */
export async function requireAccess(request: Request, permission: Permission): Promise<AccessContext> {
  const context = await requireSession(request);
  const { membership } = context;
  if (!membership || !can(membership.role, permission)) {
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return { ...context, membership };
}

/** The centre a centre-role membership belongs to; a provider membership has none. */
export function requireCentreId(context: AccessContext): string {
  if (!context.membership.cusId) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  return context.membership.cusId;
}

export function requireProviderId(context: AccessContext): string {
  if (!context.membership.providerId) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  return context.membership.providerId;
}
