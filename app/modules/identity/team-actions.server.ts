import { z } from "zod";
import type { Locale } from "~/utils/i18n";
import { fieldErrors } from "~/utils/forms";
import {
  cancelInvitation,
  changeRole,
  inviteUser,
  revokeMembership,
  rolesInvitableInto,
  type Actor,
  type OrganisationRef,
} from "./memberships.server";
import { roles, type Role } from "@db/schema/identity";

export type TeamActionResult =
  | { ok: true; message: "staff.invited" | "staff.roleChanged" | "staff.revoked" | "staff.cancelled"; email?: string }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

const InviteForm = z.object({
  name: z.string().trim().min(1, "invitation.nameRequired").max(200),
  email: z.string().trim().min(1, "signIn.emailRequired").pipe(z.email("signIn.emailInvalid")),
  role: z.enum(roles),
});

/** The team forms of a centre or a provider: invite, change role, remove access, cancel invitation. */
export async function handleTeamAction(
  formData: FormData,
  context: { actor: Actor; org: OrganisationRef; baseUrl: string; locale: Locale },
): Promise<TeamActionResult> {
  const intent = String(formData.get("intent") ?? "");
  const values = { name: String(formData.get("name") ?? ""), email: String(formData.get("email") ?? ""), role: String(formData.get("role") ?? "") };
  const allowed = rolesInvitableInto(context.org);

  if (intent === "invite") {
    const parsed = InviteForm.safeParse(values);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), values };
    if (!allowed.includes(parsed.data.role)) return { ok: false, errors: { role: "errors.forbidden" }, values };
    const result = await inviteUser({ ...context, ...parsed.data, role: parsed.data.role as Role });
    if (!result.ok) return { ok: false, errors: { email: result.reason === "already_member" ? "staff.alreadyMember" : "errors.forbidden" }, values };
    return { ok: true, message: "staff.invited", email: parsed.data.email };
  }

  const membershipId = String(formData.get("membershipId") ?? "");
  if (intent === "change-role") {
    const role = String(formData.get("role") ?? "") as Role;
    const result = await changeRole({ actor: context.actor, org: context.org, membershipId, role });
    if (!result.ok) return { ok: false, errors: { [`role-${membershipId}`]: reasonMessage(result.reason) }, values };
    return { ok: true, message: "staff.roleChanged" };
  }
  if (intent === "revoke") {
    const result = await revokeMembership({ actor: context.actor, org: context.org, membershipId });
    if (!result.ok) return { ok: false, errors: { [`role-${membershipId}`]: reasonMessage(result.reason) }, values };
    return { ok: true, message: "staff.revoked" };
  }
  if (intent === "cancel-invitation") {
    await cancelInvitation({ actor: context.actor, org: context.org, invitationId: String(formData.get("invitationId") ?? "") });
    return { ok: true, message: "staff.cancelled" };
  }
  return { ok: false, errors: { form: "errors.unexpected" }, values };
}

function reasonMessage(reason: "not_found" | "self" | "role_not_allowed" | "already_member"): string {
  switch (reason) {
    case "self":
      return "staff.cannotChangeSelf";
    case "already_member":
      return "staff.alreadyMember";
    default:
      return "errors.forbidden";
  }
}
