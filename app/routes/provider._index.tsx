import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TeamManager } from "~/components/TeamManager";
import { getProviderProfile } from "~/modules/directory/centres.server";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { INVITATION_VALID_DAYS, listPendingInvitations, listTeam, rolesInvitableInto } from "~/modules/identity/memberships.server";
import { can } from "~/modules/identity/permissions";
import { handleTeamAction } from "~/modules/identity/team-actions.server";
import { listProviderOffers } from "~/modules/directory/offers.server";
import { requestVerification } from "~/modules/directory/providers.server";
import { Form, Link } from "@remix-run/react";
import { appUrl } from "~/utils/env.server";
import { useT } from "~/utils/i18n-react";
import { localeFromRequest } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.home");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "provider.profile.read");
  const providerId = requireProviderId(access);
  const org = { providerId };
  const [profile, members, invitations, offers] = await Promise.all([getProviderProfile(providerId), listTeam(org), listPendingInvitations(org), listProviderOffers(providerId)]);
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
    offers,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (formData.get("intent") === "ask-verification") {
    const access = await requireAccess(request, "provider.staff.manage");
    await requestVerification({
      providerId: requireProviderId(access),
      cusId: String(formData.get("cusId") ?? ""),
      reply: String(formData.get("reply") ?? "").trim() || null,
      actor: { userId: access.user.id, email: access.user.email, ip: context.ip },
    });
    return data({ ok: true as const, message: "provider.asked" });
  }
  const access = await requireAccess(request, "provider.staff.manage");
  const result = await handleTeamAction(formData, {
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
          {d.canManage ? (
            <p>
              <Link to="/provider/profile">{t("provider.editProfileLink")}</Link>
            </p>
          ) : null}
        </section>
        <section className="panel" aria-labelledby="centres-title">
          <h2 id="centres-title">{t("home.worksWith")}</h2>
          <ul className="plain-list">
            {p.worksWith.map((c) => (
              <li key={c.id}>
                {c.name} ({c.city}) – <span className={`badge badge--${c.status}`}>{t(`providerStatus.${c.status}`)}</span>
                {c.reviewNote && c.status !== "verified" ? <p className="notice notice--error">{t("provider.returnedNote", { note: c.reviewNote })}</p> : null}
                {c.status === "returned" && d.canManage ? (
                  <Form method="post" className="reply-form">
                    <input type="hidden" name="intent" value="ask-verification" />
                    <input type="hidden" name="cusId" value={c.id} />
                    <div className="field">
                      <label htmlFor={`reply-${c.id}`}>{t("provider.reply")}</label>
                      <textarea id={`reply-${c.id}`} name="reply" />
                    </div>
                    <button type="submit" className="button">
                      {t("provider.askAgain")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section className="panel" aria-labelledby="offers-title">
        <h2 id="offers-title">{t("provider.offers")}</h2>
        <p className="button-row">
          <Link className="button button--primary" to="/provider/offers/new">
            {t("provider.newOffer")}
          </Link>
          <Link to="/provider/places">{t("provider.places")}</Link>
        </p>
        {d.offers.length === 0 ? (
          <p>{t("provider.noOffers")}</p>
        ) : (
          <ul className="plain-list">
            {d.offers.map((o) => (
              <li key={o.id}>
                <Link to={`/provider/offers/${o.id}`}>{o.name}</Link> – {o.centreName} –{" "}
                {o.workingStatus ? t(`revisionStatus.${o.workingStatus}` as "revisionStatus.draft") : t("revisionStatus.published")}
                {o.workingStatus && o.published ? ` (${t("revisionStatus.published")})` : ""}
                {o.reviewComment ? <div className="muted">{t("offer.returnedComment", { comment: o.reviewComment })}</div> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
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
