import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Notice } from "~/components/Notice";
import { forbidden, notFound, readForm } from "~/modules/kernel/boundary.server";
import { id } from "~/modules/kernel/input";
import { switchMembership } from "~/modules/identity/memberships.server";
import { roleHome } from "~/modules/identity/permissions";
import { listActiveMemberships, requireSession } from "~/modules/identity/session.server";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { translatedForResidents } from "~/utils/i18n";

/** Residents read this page in Ukrainian too. */
export const handle = translatedForResidents;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.title");

/** Every signed-in person may see their own account, whatever their role. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const memberships = await listActiveMemberships(session.user.id);
  return {
    user: { name: session.user.name, email: session.user.email },
    currentId: session.membership?.id ?? null,
    memberships: memberships.map((m) => ({ id: m.id, role: m.role, organisationName: m.organisationName })),
  };
}

const SwitchForm = z.object({ membershipId: id() });

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request);
  const form = await readForm(request, SwitchForm);
  if (!form.ok) throw notFound();
  const result = await switchMembership({ sessionId: session.sessionId, userId: session.user.id, email: session.user.email, membershipId: form.data.membershipId, ip: context.ip });
  // Another person's membership, or one no longer held.
  if (!result.ok) throw forbidden();
  return redirect(roleHome[result.role]);
}

export default function Account() {
  const { user, currentId, memberships } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("account.title")}</h1>
      <section className="panel" aria-labelledby="details-title">
        <h2 id="details-title">{t("account.details")}</h2>
        <dl className="details">
          <dt>{t("staff.name")}</dt>
          <dd>{user.name}</dd>
          <dt>{t("staff.email")}</dt>
          <dd>{user.email}</dd>
        </dl>
      </section>
      <section className="panel" aria-labelledby="roles-title">
        <h2 id="roles-title">{t("account.memberships")}</h2>
        {memberships.length === 0 ? <Notice kind="error">{t("signIn.noRole")}</Notice> : null}
        {memberships.length > 1 ? <p>{t("account.membershipsIntro")}</p> : null}
        <ul className="membership-list">
          {memberships.map((m) => (
            <li key={m.id} className="membership-list__item">
              <span>
                <strong>{t(`roles.${m.role}`)}</strong> – {m.organisationName}
              </span>
              {m.id === currentId ? (
                <span className="badge">{t("account.current")}</span>
              ) : (
                <Form method="post">
                  <input type="hidden" name="membershipId" value={m.id} />
                  <button type="submit" className="button" aria-label={t("account.switchTo", { role: t(`roles.${m.role}`), organisation: m.organisationName })}>
                    {t("account.switch")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
