import { Form } from "@remix-run/react";
import { useRefusal } from "~/components/refusal";
import type { Role } from "@db/schema/identity";
import { Field, SelectField } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { formatDate, formatDateTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";

export type TeamMember = { membershipId: string; userId: string; name: string; email: string; role: Role; since: string };
export type PendingInvitation = { id: string; email: string; name: string | null; role: Role; expiresAt: string };


/** A team list with invitations; `canManage` adds the forms that change it. */
export function TeamManager(props: {
  members: TeamMember[];
  invitations: PendingInvitation[];
  roles: Role[];
  canManage: boolean;
  currentUserId: string;
  invitationDays: number;
  caption: string;
}) {
  const t = useT();
  const locale = useLocale();
  const refused = useRefusal();
  const error = (field: string) => refused.error("team", field);
  const value = (field: string) => refused.value("team", field);
  const roleOptions = props.roles.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  return (
    <>
      {error("form") ? <Feedback kind="error">{error("form")}</Feedback> : null}
      <div className="table-wrap">
        <table>
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("staff.name")}</th>
              <th scope="col">{t("staff.email")}</th>
              <th scope="col">{t("staff.role")}</th>
              <th scope="col">{t("staff.since")}</th>
              {props.canManage ? <th scope="col">{t("staff.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {props.members.map((m) => {
              const self = m.userId === props.currentUserId;
              const rowError = error(`role-${m.membershipId}`);
              return (
                <tr key={m.membershipId}>
                  <th scope="row">
                    {m.name} {self ? <span className="muted">{t("staff.you")}</span> : null}
                  </th>
                  <td>{m.email}</td>
                  <td>{t(`roles.${m.role}`)}</td>
                  <td>{formatDate(m.since, locale)}</td>
                  {props.canManage ? (
                    <td>
                      {rowError ? <p className="field__error" role="alert">{rowError}</p> : null}
                      {self ? null : (
                        <div className="row-actions">
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="intent" value="change-role" />
                            <input type="hidden" name="membershipId" value={m.membershipId} />
                            <label className="visually-hidden" htmlFor={`role-${m.membershipId}`}>
                              {t("staff.changeRoleFor", { name: m.name })}
                            </label>
                            <select id={`role-${m.membershipId}`} name="role" defaultValue={m.role}>
                              {roleOptions.map((o) => (
                                <option key={o.value} value={o.value}>
                                  {o.label}
                                </option>
                              ))}
                            </select>
                            <button type="submit" className="button">
                              {t("staff.changeRole")}
                            </button>
                          </Form>
                          <Form method="post">
                            <input type="hidden" name="intent" value="revoke" />
                            <input type="hidden" name="membershipId" value={m.membershipId} />
                            <button type="submit" className="button button--danger" aria-label={t("staff.revokeFor", { name: m.name })}>
                              {t("staff.revoke")}
                            </button>
                          </Form>
                        </div>
                      )}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="pending-title">
        <h2 id="pending-title">{t("staff.pending")}</h2>
        {props.invitations.length === 0 ? (
          <p>{t("staff.noPending")}</p>
        ) : (
          <ul className="plain-list">
            {props.invitations.map((i) => (
              <li key={i.id} className="membership-list__item">
                <span>
                  {i.name ? `${i.name}, ` : ""}
                  {i.email} – {t(`roles.${i.role}`)} ({t("staff.expires")}: {formatDateTime(i.expiresAt, locale)})
                </span>
                {props.canManage ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="cancel-invitation" />
                    <input type="hidden" name="invitationId" value={i.id} />
                    <button type="submit" className="button button--quiet">
                      {t("staff.cancelInvitation")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {props.canManage ? (
        <section className="panel" aria-labelledby="invite-title">
          <h2 id="invite-title">{t("staff.invite")}</h2>
          <p>{t("staff.inviteIntro", { days: props.invitationDays })}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <Field name="name" label={t("staff.inviteName")} autoComplete="off" defaultValue={value("name")} error={error("name")} />
            <Field name="email" type="email" label={t("staff.inviteEmail")} autoComplete="off" defaultValue={value("email")} error={error("email")} />
            <SelectField name="role" label={t("staff.inviteRole")} options={roleOptions} defaultValue={value("role") || undefined} error={error("role")} />
            <button type="submit" className="button button--primary">
              {t("staff.inviteSubmit")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
