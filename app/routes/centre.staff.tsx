import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TeamManager } from "~/components/TeamManager";
import { getCentre } from "~/modules/directory/centres.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { INVITATION_VALID_DAYS, listPendingInvitations, listTeam, rolesInvitableInto } from "~/modules/identity/memberships.server";
import { can } from "~/modules/identity/permissions";
import { handleTeamAction } from "~/modules/identity/team-actions.server";
import { appUrl } from "~/utils/env.server";
import { useT } from "~/utils/i18n-react";
import { localeFromRequest } from "~/utils/locale.server";
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
  const result = await handleTeamAction(await request.formData(), {
    actor: { userId: access.user.id, email: access.user.email, name: access.user.name, ip: context.ip },
    org: { cusId: requireCentreId(access) },
    baseUrl: appUrl(request),
    locale: await localeFromRequest(request, access.user.locale),
  });
  return data(result, { status: result.ok ? 200 : 400 });
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
