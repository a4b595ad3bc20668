import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useRefusal } from "~/components/refusal";
import { notFound, readForm, readParams, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { choice, id, intents } from "~/modules/kernel/input";
import { clock } from "~/modules/kernel/clock.server";
import { formatNrb } from "~/modules/kernel/nrb";
import { confirmBankAccount, getPayoutAccount } from "~/modules/settlements/payout-accounts.server";
import { Feedback } from "~/components/Feedback";
import { Notice } from "~/components/Notice";
import { getProviderLink, reviewProvider } from "~/modules/directory/providers.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { actorFrom } from "~/modules/kernel/actor";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "desk.providersToVerify");

const ProviderParams = z.object({ providerId: id() });
const Review = intents([
  z.object({ intent: z.literal("review"), decision: choice(["verify", "return", "suspend"]), note: z.string().trim().max(2000, "input.tooLong:2000").default("") }),
  z.object({ intent: z.literal("confirm-bank") }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "directory.review");
  const { providerId } = readParams(params, ProviderParams);
  const link = await getProviderLink(requireCentreId(access), providerId);
  if (!link) throw notFound();
  const p = link.provider;
  const payout = await getPayoutAccount(p.id);
  return {
    pendingBank: payout.pendingNrb ? { nrb: formatNrb(payout.pendingNrb), holder: payout.pendingHolder ?? "" } : null,
    provider: { id: p.id, name: p.name, legalForm: p.legalForm, subtype: p.subtype, nip: p.nip, regon: p.regon, krs: p.krs, address: `${p.street ?? ""}, ${p.postalCode ?? ""} ${p.city}`, gmina: p.gminaName, contactPerson: p.contactPerson, phone: p.phone, email: p.email, website: p.website, description: p.description },
    status: link.status,
    reviewNote: link.reviewNote,
    providerReply: link.providerReply,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "directory.review");
  const { providerId } = readParams(params, ProviderParams);
  const form = await readForm(request, Review);
  if (!form.ok) return refuseInput(form, String(form.values.intent ?? "review"));
  if (form.data.intent === "confirm-bank") {
    const confirmed = await confirmBankAccount({ cusId: requireCentreId(access), providerId, actor: actorFrom(access, context), now: clock.now() });
    if (!confirmed.ok && confirmed.reason === "not_found") throw notFound();
    if (!confirmed.ok) return refuse("confirm-bank", { form: confirmed.reason === "own_request" ? "payouts.ownRequest" : "payouts.none" }, form.values, 409);
    return done(request, { kind: "success", message: "payouts.confirmed" });
  }
  const result = await reviewProvider({ cusId: requireCentreId(access), providerId, decision: form.data.decision, note: form.data.note, actor: actorFrom(access, context) });
  if (!result.ok && result.reason !== "note_required") throw notFound();
  if (!result.ok) return refuse("review", { form: "desk.reasonRequired" }, form.values);
  throw redirect("/organizer");
}

export default function ReviewProvider() {
  const { provider: p, status, reviewNote, providerReply, pendingBank } = useLoaderData<typeof loader>();
  const refusal = useRefusal();
  const reviewError = refusal.error("review", "form") ?? refusal.error("review", "note") ?? refusal.error("review", "decision");
  const t = useT();
  return (
    <>
      <p>
        <Link to="/organizer">{t("nav.home")}</Link>
      </p>
      <h1>{p.name}</h1>
      <p>
        {t("provider.status")}: <span className={`badge badge--${status}`}>{t(`providerStatus.${status}`)}</span>
      </p>
      {reviewNote ? <p className="muted">{t("provider.returnedNote", { note: reviewNote })}</p> : null}
      {providerReply ? <Notice>{t("desk.providerReply", { reply: providerReply })}</Notice> : null}
      <section className="panel" aria-labelledby="data-title">
        <h2 id="data-title">{t("provider.profile")}</h2>
        <dl className="details">
          <dt>{t("provider.legalForm")}</dt>
          <dd>
            {t(`legalForms.${p.legalForm}`)}
            {p.subtype ? ` (${p.subtype})` : ""}
          </dd>
          <dt>{t("provider.nip")}</dt>
          <dd>{p.nip ?? "—"}</dd>
          <dt>{t("provider.regon")}</dt>
          <dd>{p.regon ?? "—"}</dd>
          <dt>{t("provider.krs")}</dt>
          <dd>{p.krs ?? "—"}</dd>
          <dt>{t("home.address")}</dt>
          <dd>
            {p.address} ({p.gmina ?? "—"})
          </dd>
          <dt>{t("provider.contactPerson")}</dt>
          <dd>
            {p.contactPerson ?? "—"}, {p.phone ?? "—"}, {p.email}
          </dd>
          {p.website ? (
            <>
              <dt>{t("provider.website")}</dt>
              <dd>{p.website}</dd>
            </>
          ) : null}
          {p.description ? (
            <>
              <dt>{t("provider.description")}</dt>
              <dd>{p.description}</dd>
            </>
          ) : null}
        </dl>
      </section>
      {pendingBank ? (
        <Form method="post" className="panel" aria-labelledby="bank-title">
          <h2 id="bank-title">{t("payouts.bankTitle")}</h2>
          {refusal.error("confirm-bank", "form") ? <Feedback kind="error">{refusal.error("confirm-bank", "form")}</Feedback> : null}
          <p>{t("payouts.pending", pendingBank)}</p>
          <input type="hidden" name="intent" value="confirm-bank" />
          <button type="submit" className="button">
            {t("payouts.confirm")}
          </button>
        </Form>
      ) : null}
      <Form method="post" className="panel" aria-labelledby="decision-title">
        <input type="hidden" name="intent" value="review" />
        <h2 id="decision-title">{t("desk.review")}</h2>
        {reviewError ? <Feedback kind="error">{reviewError}</Feedback> : null}
        <div className="field">
          <label htmlFor="note">{t("desk.reason")}</label>
          <textarea id="note" name="note" defaultValue={refusal.value("review", "note")} />
        </div>
        <div className="button-row">
          <button type="submit" name="decision" value="verify" className="button button--primary">
            {t("desk.verify")}
          </button>
          <button type="submit" name="decision" value="return" className="button">
            {t("desk.returnProvider")}
          </button>
          <button type="submit" name="decision" value="suspend" className="button button--danger">
            {t("desk.suspend")}
          </button>
        </div>
      </Form>
    </>
  );
}
