import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Field } from "~/components/Field";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Feedback } from "~/components/Feedback";
import { z } from "zod";
import { useRefusal } from "~/components/refusal";
import { acceptWaitlistOffer, declineWaitlistOffer, listWaitlistOffers } from "~/modules/booking/waitlist.server";
import { readForm, readQuery, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { id, intents } from "~/modules/kernel/input";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { coordinatorCaseload } from "~/modules/plans/caseload.server";
import { countResidents, listResidents } from "~/modules/plans/residents.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { actorFrom } from "~/modules/kernel/actor";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.home");

const DeskQuery = z.object({ q: z.string().trim().max(200).catch("").default("") });

/** Answering a waiting-list offer: book the held seat, or let it pass to the next resident. */
const DeskAction = intents([z.object({ intent: z.literal("accept"), entryId: id() }), z.object({ intent: z.literal("decline"), entryId: id() })]);

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "coordinator.desk");
  const cusId = requireCentreId(access);
  const search = readQuery(request, DeskQuery).data.q;
  const [residents, total, caseload, offers] = await Promise.all([listResidents(cusId, { search }), countResidents(cusId), coordinatorCaseload(cusId, access.user.id), listWaitlistOffers(cusId, access.user.id)]);
  return {
    name: access.user.name,
    residents,
    total,
    search,
    waitlistOffers: offers.map((o) => ({ ...o, startsAt: o.startsAt.toISOString(), expiresAt: o.expiresAt?.toISOString() ?? null })),
    caseload: { ...caseload, thisWeek: caseload.thisWeek.map((b) => ({ ...b, startsAt: b.startsAt.toISOString() })) },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "coordinator.desk");
  const cusId = requireCentreId(access);
  const form = await readForm(request, DeskAction);
  if (!form.ok) return refuseInput(form, "waitlist");
  const actor = actorFrom(access, context);
  if (form.data.intent === "decline") {
    const declined = await declineWaitlistOffer({ cusId, entryId: form.data.entryId, actor });
    return declined.ok ? done(request, { kind: "success", message: "waitlist.declined" }) : refuse("waitlist", { form: "booking.errors.not_found" }, form.values, 409);
  }
  const result = await acceptWaitlistOffer({ cusId, entryId: form.data.entryId, actor });
  if (result.ok) return done(request, { kind: "success", message: "waitlist.accepted" });
  return refuse("waitlist", { form: `booking.errors.${result.reason === "not_offered" ? "not_found" : result.reason}` }, form.values, 409);
}

export default function CoordinatorHome() {
  const { name, residents, total, search, caseload, waitlistOffers } = useLoaderData<typeof loader>();
  const refused = useRefusal().error("waitlist", "form");
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{t("home.welcome", { name })}</h1>
      <ul className="stats" aria-label={t("caseload.title")}>
        <li className="stat">
          <span className="stat__value">{caseload.activePlans.length}</span>
          <span className="stat__label">{t("caseload.activePlans")}</span>
        </li>
        <li className="stat">
          <span className="stat__value">{caseload.reviewsDue.length}</span>
          <span className="stat__label">{t("caseload.reviewsDue")}</span>
        </li>
        <li className="stat">
          <span className="stat__value">{caseload.endingSoon.length}</span>
          <span className="stat__label">{t("caseload.endingSoon")}</span>
        </li>
        <li className="stat">
          <span className="stat__value">{caseload.pendingApplications.length}</span>
          <span className="stat__label">{t("caseload.pendingApplications")}</span>
        </li>
      </ul>
      {refused ? <Feedback kind="error">{refused}</Feedback> : null}
      {waitlistOffers.length ? (
        <section className="panel" aria-labelledby="waitlist-title">
          <h2 id="waitlist-title">{t("waitlist.offers")}</h2>
          <ul className="plain-list">
            {waitlistOffers.map((o) => (
              <li key={o.id}>
                <strong>{o.residentName}</strong>: {o.offerName}, {formatDateTime(o.startsAt, locale)}
                {o.expiresAt ? <span className="muted"> ({t("waitlist.until", { date: formatDateTime(o.expiresAt, locale) })})</span> : null}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="entryId" value={o.id} />
                  <button type="submit" name="intent" value="accept" className="button button--primary">
                    {t("waitlist.accept")}
                  </button>
                  <button type="submit" name="intent" value="decline" className="button">
                    {t("waitlist.decline")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {caseload.noShowAlerts.length ? (
        <section className="panel notice--error" aria-labelledby="no-show-title">
          <h2 id="no-show-title">{t("caseload.noShows")}</h2>
          <ul className="plain-list">
            {caseload.noShowAlerts.map((a) => (
              <li key={a.planItemId}>
                <Link to={`/coordinator/plans/${a.planId}`}>{a.residentName}</Link> – {a.offerName}: {t("caseload.noShowCount", { count: a.noShows })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="grid-2">
        <section className="panel" aria-labelledby="due-title">
          <h2 id="due-title">{t("caseload.agenda")}</h2>
          {caseload.pendingApplications.length + caseload.reviewsDue.length + caseload.endingSoon.length === 0 ? <p>{t("desk.nothing")}</p> : null}
          <ul className="plain-list">
            {caseload.pendingApplications.map((a) => (
              <li key={a.id}>
                <Link to={`/coordinator/residents/${a.residentId}`}>{a.name}</Link> – {t("caseload.planDue", { date: formatDate(a.dueOn, locale) })}
                {a.overdue ? <strong> ({t("caseload.overdue")})</strong> : null}
              </li>
            ))}
            {caseload.reviewsDue.map((p) => (
              <li key={`review-${p.id}`}>
                <Link to={`/coordinator/plans/${p.id}`}>{p.name}</Link> – {t("caseload.review", { date: formatDate(p.firstReviewOn!, locale) })}
              </li>
            ))}
            {caseload.endingSoon.map((p) => (
              <li key={`end-${p.id}`}>
                <Link to={`/coordinator/plans/${p.id}`}>{p.name}</Link> – {t("caseload.ends", { date: formatDate(p.validTo, locale) })}
              </li>
            ))}
          </ul>
        </section>
        <section className="panel" aria-labelledby="week-title">
          <h2 id="week-title">{t("caseload.thisWeek")}</h2>
          {caseload.thisWeek.length === 0 ? <p>{t("booking.none")}</p> : null}
          <ul className="plain-list">
            {caseload.thisWeek.map((b) => (
              <li key={b.id}>
                {formatDateTime(b.startsAt, locale)} – <Link to={`/coordinator/residents/${b.residentId}`}>{b.name}</Link>: {b.offerName}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section className="panel" aria-labelledby="residents-title">
        <h2 id="residents-title">
          {t("home.residents")} <span className="count">({total})</span>
        </h2>
        <p>{t("home.residentsIntro")}</p>
        <p>
          <Link className="button button--primary" to="/coordinator/residents/new">
            {t("residents.newLink")}
          </Link>
        </p>
        <Form method="get" role="search" className="inline-form inline-form--search">
          <Field id="q" name="q" type="search" label={t("home.search")} hint={t("home.searchHint")} defaultValue={search} />
          <button type="submit" className="button">
            {t("home.searchSubmit")}
          </button>
        </Form>
        {residents.length === 0 ? (
          <p>{t("home.noResidents")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("home.residents")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("home.residentName")}</th>
                  <th scope="col">{t("home.gmina")}</th>
                  <th scope="col">{t("home.phone")}</th>
                </tr>
              </thead>
              <tbody>
                {residents.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/coordinator/residents/${r.id}`}>
                        {r.lastName} {r.firstName}
                      </Link>
                    </th>
                    <td>{r.gminaName ?? "—"}</td>
                    <td>{r.phone ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
