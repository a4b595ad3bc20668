import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { Notice } from "~/components/Notice";
import { useRefusal } from "~/components/refusal";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { actorFrom } from "~/modules/kernel/actor";
import { readForm, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { clock } from "~/modules/kernel/clock.server";
import { intents, nrb, text } from "~/modules/kernel/input";
import { formatNrb } from "~/modules/kernel/nrb";
import { getPayoutAccount, refreshConnectStatus, requestBankAccount, startConnectOnboarding } from "~/modules/settlements/payout-accounts.server";
import { appUrl } from "~/utils/env.server";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "payouts.title");

/** How the provider is paid: Stripe Connect onboarding, or a bank account the centre confirms. */
export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "provider.payouts");
  const providerId = requireProviderId(access);
  // Back from Stripe's onboarding: ask Stripe at once rather than wait for its webhook.
  if (new URL(request.url).searchParams.get("onboarding")) await refreshConnectStatus(providerId);
  const account = await getPayoutAccount(providerId);
  return {
    connect: { status: account.connectStatus, requirements: account.connectRequirements, started: !!account.stripeAccountId },
    bank: account.bankNrb ? { nrb: formatNrb(account.bankNrb), holder: account.bankHolder ?? "" } : null,
    pending: account.pendingNrb ? { nrb: formatNrb(account.pendingNrb), holder: account.pendingHolder ?? "" } : null,
  };
}

const Action = intents([z.object({ intent: z.literal("connect") }), z.object({ intent: z.literal("bank"), nrb: nrb(), holder: text({ min: 3, max: 200, message: "payouts.holderRequired" }) })]);

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "provider.payouts");
  const providerId = requireProviderId(access);
  const form = await readForm(request, Action);
  if (!form.ok) return refuseInput(form, String(form.values.intent ?? "bank"));
  const actor = actorFrom(access, context);
  if (form.data.intent === "connect") {
    const started = await startConnectOnboarding({ providerId, actor, baseUrl: appUrl(request) });
    if (!started.ok) return refuse("connect", { form: "payouts.unavailable" }, form.values, 409);
    return redirect(started.url, 303);
  }
  await requestBankAccount({ providerId, nrb: form.data.nrb, holder: form.data.holder, actor, now: clock.now() });
  return done(request, { kind: "success", message: "payouts.requested" });
}

export default function ProviderPayouts() {
  const d = useLoaderData<typeof loader>();
  const refusal = useRefusal();
  const [search] = useSearchParams();
  const t = useT();
  return (
    <>
      <h1>{t("payouts.title")}</h1>
      <p>{t("payouts.intro")}</p>
      {search.get("onboarding") ? <Notice kind="info">{t("payouts.back")}</Notice> : null}
      <section className="panel" aria-labelledby="stripe-title">
        <h2 id="stripe-title">{t("payouts.stripeTitle")}</h2>
        <p className="lead">{t(`payouts.status.${d.connect.status}`)}</p>
        {d.connect.requirements.length > 0 ? <p>{t("payouts.due", { items: d.connect.requirements.join(", ") })}</p> : null}
        {refusal.error("connect", "form") ? <Feedback kind="error">{refusal.error("connect", "form")}</Feedback> : null}
        {d.connect.status !== "active" ? (
          <Form method="post" reloadDocument>
            <input type="hidden" name="intent" value="connect" />
            <button type="submit" className="button">
              {d.connect.started ? t("payouts.resume") : t("payouts.start")}
            </button>
          </Form>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="bank-title">
        <h2 id="bank-title">{t("payouts.bankTitle")}</h2>
        <p>{d.bank ? t("payouts.current", d.bank) : t("payouts.none")}</p>
        {d.pending ? <p>{t("payouts.pending", d.pending)}</p> : null}
        <p>{t("payouts.bankIntro")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="bank" />
          <Field name="nrb" label={t("payouts.nrb")} inputMode="numeric" autoComplete="off" defaultValue={refusal.value("bank", "nrb")} error={refusal.error("bank", "nrb")} />
          <Field name="holder" label={t("payouts.holder")} defaultValue={refusal.value("bank", "holder")} error={refusal.error("bank", "holder")} />
          <button type="submit" className="button">
            {t("payouts.request")}
          </button>
        </Form>
      </section>
    </>
  );
}
