import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TeamManager } from "~/components/TeamManager";
import { getCentre } from "~/modules/directory/centres.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { INVITATION_VALID_DAYS, listPendingInvitations, listTeam, rolesInvitableInto } from "~/modules/identity/memberships.server";
import { can } from "~/modules/identity/permissions";
import { handleTeamAction, teamContext } from "~/modules/identity/team-actions.server";
import { teamAction } from "~/modules/identity/team-form";
import { readForm, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "staff.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "centre.staff.read");
  const cusId = requireCentreId(access);
  const org = { cusId };
  const [centre, members, invitations] = await Promise.all([getCentre(cusId), listTeam(org), listPendingInvitations(org)]);
  return {
    centreName: centre?.name ?? "",
    members: members.map((m) => ({ ...m, since: m.since.toISOString() })),
    invitations: invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString() })),
    roles: [...rolesInvitableInto(org)],
    canManage: can(access.membership.role, "centre.staff.manage"),
    currentUserId: access.user.id,
    invitationDays: INVITATION_VALID_DAYS,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "centre.staff.manage");
  const form = await readForm(request, teamAction);
  if (!form.ok) return refuseInput(form, "team");
  const result = await handleTeamAction(form.data, await teamContext(request, access, context, { cusId: requireCentreId(access) }));
  return result.ok ? done(request, { kind: "success", message: result.message, params: { email: result.email ?? "" } }) : refuse(result.form, result.errors, form.values);
}

export default function CentreStaff() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("staff.title")}</h1>
      <p>{t("staff.intro", { centre: d.centreName })}</p>
      <TeamManager
        members={d.members}
        invitations={d.invitations}
        roles={d.roles}
        canManage={d.canManage}
        currentUserId={d.currentUserId}
        invitationDays={d.invitationDays}
        caption={t("staff.title")}
      />
    </>
  );
}
