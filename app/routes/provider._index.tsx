import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TeamManager } from "~/components/TeamManager";
import { getProviderProfile } from "~/modules/directory/centres.server";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { INVITATION_VALID_DAYS, listPendingInvitations, listTeam, rolesInvitableInto } from "~/modules/identity/memberships.server";
import { can } from "~/modules/identity/permissions";
import { z } from "zod";
import { handleTeamAction, teamContext } from "~/modules/identity/team-actions.server";
import { teamActionOptions } from "~/modules/identity/team-form";
import { notFound, readForm, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { id, intents, optionalText } from "~/modules/kernel/input";
import { listProviderOffers } from "~/modules/directory/offers.server";
import { requestVerification } from "~/modules/directory/providers.server";
import { Form, Link } from "@remix-run/react";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { actorFrom } from "~/modules/kernel/actor";

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

/** The provider's home answers its team forms and asking a centre to verify the provider again. */
const ProviderHomeAction = intents([z.object({ intent: z.literal("ask-verification"), cusId: id(), reply: optionalText({ max: 2000 }) }), ...teamActionOptions]);

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "provider.staff.manage");
  const providerId = requireProviderId(access);
  const form = await readForm(request, ProviderHomeAction);
  if (!form.ok) return refuseInput(form, "team");
  if (form.data.intent === "ask-verification") {
    const asked = await requestVerification({ providerId, cusId: form.data.cusId, reply: form.data.reply, actor: actorFrom(access, context) });
    if (!asked.ok && asked.reason === "not_found") throw notFound();
    return asked.ok ? done(request, { kind: "success", message: "provider.asked" }) : refuse("team", { form: "provider.notReturned" }, form.values, 409);
  }
  const result = await handleTeamAction(form.data, await teamContext(request, access, context, { providerId }));
  return result.ok ? done(request, { kind: "success", message: result.message, params: { email: result.email ?? "" } }) : refuse(result.form, result.errors, form.values);
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
