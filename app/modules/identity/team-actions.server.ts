import type { Role } from "@db/schema/identity";
import { actorFrom, type Actor } from "~/modules/kernel/actor";
import { appUrl } from "~/utils/env.server";
import { localeFromRequest } from "~/utils/locale.server";
import type { AccessContext } from "./access.server";
import type { Owner } from "~/modules/kernel/owner";
import type { Locale } from "~/utils/i18n";
import type { TeamAction } from "./team-form";
import { cancelInvitation, changeRole, inviteUser, revokeMembership, rolesInvitableInto } from "./memberships.server";

export type TeamActionResult =
  | { ok: true; message: "staff.invited" | "staff.roleChanged" | "staff.revoked" | "staff.cancelled"; email?: string }
  | { ok: false; form: "team"; errors: Record<string, string> };

export type TeamContext = { actor: Actor; org: Owner; baseUrl: string; locale: Locale };

/** The context a team form runs in: who acts, for which organisation, links in the invitation's language. */
export async function teamContext(request: Request, access: AccessContext, context: { ip: string }, org: Owner): Promise<TeamContext> {
  return { actor: actorFrom(access, context), org, baseUrl: appUrl(request), locale: await localeFromRequest(request, access.user.locale) };
}

const refused = (errors: Record<string, string>): TeamActionResult => ({ ok: false, form: "team", errors });

/** Runs one team form; a refusal names the field (or the member's row) it is about. */
export async function handleTeamAction(action: TeamAction, context: TeamContext): Promise<TeamActionResult> {
  switch (action.intent) {
    case "invite": {
      if (!rolesInvitableInto(context.org).includes(action.role)) return refused({ role: "errors.forbidden" });
      const result = await inviteUser({ ...context, name: action.name, email: action.email, role: action.role as Role });
      if (!result.ok) return refused({ email: result.reason === "already_member" ? "staff.alreadyMember" : "errors.forbidden" });
      return { ok: true, message: "staff.invited", email: action.email };
    }
    case "change-role": {
      const result = await changeRole({ actor: context.actor, org: context.org, membershipId: action.membershipId, role: action.role });
      return result.ok ? { ok: true, message: "staff.roleChanged" } : refused({ [`role-${action.membershipId}`]: reasonMessage(result.reason) });
    }
    case "revoke": {
      const result = await revokeMembership({ actor: context.actor, org: context.org, membershipId: action.membershipId });
      return result.ok ? { ok: true, message: "staff.revoked" } : refused({ [`role-${action.membershipId}`]: reasonMessage(result.reason) });
    }
    case "cancel-invitation": {
      const cancelled = await cancelInvitation({ actor: context.actor, org: context.org, invitationId: action.invitationId });
      return cancelled ? { ok: true, message: "staff.cancelled" } : refused({ form: "staff.invitationNotFound" });
    }
  }
}

function reasonMessage(reason: "not_found" | "self" | "role_not_allowed" | "already_member"): string {
  switch (reason) {
    case "self":
      return "staff.cannotChangeSelf";
    case "already_member":
      return "staff.alreadyMember";
    case "not_found":
      return "staff.memberNotFound";
    default:
      return "errors.forbidden";
  }
}
