import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TeamManager } from "~/components/TeamManager";
import { getProviderProfile } from "~/modules/directory/centres.server";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { INVITATION_VALID_DAYS, listPendingInvitations, listTeam, rolesInvitableInto } from "~/modules/identity/memberships.server";
import { can } from "~/modules/identity/permissions";
import { handleTeamAction } from "~/modules/identity/team-actions.server";
import { appUrl } from "~/utils/env.server";
import { useT } from "~/utils/i18n-react";
import { localeFromRequest } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.home");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "provider.profile.read");
  const providerId = requireProviderId(access);
  const org = { providerId };
  const [profile, members, invitations] = await Promise.all([getProviderProfile(providerId), listTeam(org), listPendingInvitations(org)]);
  if (!profile) throw new Response("Not found", { status: 404 });
  return {
    name: access.user.name,
    profile: { ...profile, createdAt: profile.createdAt.toISOString() },
    members: members.map((m) => ({ ...m, since: m.since.toISOString() })),
    invitations: invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString() })),
    roles: [...rolesInvitableInto(org)],
    canManage: can(access.membership.role, "provider.staff.manage"),
    currentUserId: access.user.id,
    invitationDays: INVITATION_VALID_DAYS,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "provider.staff.manage");
  const result = await handleTeamAction(await request.formData(), {
    actor: { userId: access.user.id, email: access.user.email, name: access.user.name, ip: context.ip },
    org: { providerId: requireProviderId(access) },
    baseUrl: appUrl(request),
    locale: await localeFromRequest(request, access.user.locale),
  });
  return data(result, { status: result.ok ? 200 : 400 });
}

export default function ProviderHome() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const p = d.profile;
  return (
    <>
      <h1>{t("home.welcome", { name: d.name })}</h1>
      <div className="grid-2">
        <section className="panel" aria-labelledby="org-title">
          <h2 id="org-title">{t("home.organisation")}</h2>
          <p className="lead">{p.name}</p>
          <dl className="details">
            <dt>{t("home.legalForm")}</dt>
            <dd>
              {t(`legalForms.${p.legalForm}`)}
              {p.subtype ? ` (${p.subtype})` : ""}
            </dd>
            <dt>{t("home.address")}</dt>
            <dd>{[p.street, [p.postalCode, p.city].filter(Boolean).join(" ")].filter(Boolean).join(", ")}</dd>
            <dt>{t("home.nip")}</dt>
            <dd>{p.nip ?? "—"}</dd>
            <dt>{t("home.regon")}</dt>
            <dd>{p.regon ?? "—"}</dd>
            <dt>{t("home.krs")}</dt>
            <dd>{p.krs ?? "—"}</dd>
            <dt>{t("home.contactPerson")}</dt>
            <dd>{p.contactPerson ?? "—"}</dd>
            <dt>{t("home.email")}</dt>
            <dd>{p.email}</dd>
            {p.website ? (
              <>
                <dt>{t("home.website")}</dt>
                <dd>
                  <a href={p.website}>{p.website}</a>
                </dd>
              </>
            ) : null}
          </dl>
          {p.description ? <p>{p.description}</p> : null}
        </section>
        <section className="panel" aria-labelledby="centres-title">
          <h2 id="centres-title">{t("home.worksWith")}</h2>
          <ul className="plain-list">
            {p.worksWith.map((c) => (
              <li key={c.id}>
                {c.name} ({c.city}) – <span className={`badge badge--${c.status}`}>{t(`providerStatus.${c.status}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section className="panel" aria-labelledby="team-title">
        <h2 id="team-title">{t("home.providerTeam")}</h2>
        <TeamManager
          members={d.members}
          invitations={d.invitations}
          roles={d.roles}
          canManage={d.canManage}
          currentUserId={d.currentUserId}
          invitationDays={d.invitationDays}
          caption={t("home.providerTeam")}
        />
      </section>
    </>
  );
}
