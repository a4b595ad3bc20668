import { z } from "zod";
import { roles } from "@db/schema/values";
import { choice, email, id, intents, text } from "~/modules/kernel/input";

/** The team forms of a centre or a provider: invite, change role, remove access, cancel an invitation. */
export const teamActionOptions = [
  z.object({ intent: z.literal("invite"), name: text({ min: 1, max: 200, message: "invitation.nameRequired" }), email: email(), role: choice(roles) }),
  z.object({ intent: z.literal("change-role"), membershipId: id(), role: choice(roles) }),
  z.object({ intent: z.literal("revoke"), membershipId: id() }),
  z.object({ intent: z.literal("cancel-invitation"), invitationId: id() }),
] as const;
export const teamAction = intents(teamActionOptions);
export type TeamAction = z.infer<typeof teamAction>;

