import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/Field";
import { useRefusal } from "~/components/refusal";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { actorFrom } from "~/modules/kernel/actor";
import { readForm, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { clock } from "~/modules/kernel/clock.server";
import { addMonths, warsawDate } from "~/modules/kernel/dates";
import { intents, month, nrb, text } from "~/modules/kernel/input";
import { formatNrb } from "~/modules/kernel/nrb";
import { getTreasuryAccount, setTreasuryAccount } from "~/modules/settlements/payout-accounts.server";
import { unitsWithoutContract } from "~/modules/settlements/accruals.server";
import { listRuns, openSettlementRun } from "~/modules/settlements/runs.server";
import { formatDate, formatMonth, formatMoney } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "settlements.title");

/** Finance's settlements: the months, opening the next one, the payout account, and visits no contract covers. */
export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "settlements.manage");
  const cusId = requireCentreId(access);
  const [runs, treasury, flagged] = await Promise.all([listRuns(cusId), getTreasuryAccount(cusId), unitsWithoutContract(cusId)]);
  const thisMonth = `${warsawDate(clock.now()).slice(0, 7)}-01`;
  return { runs, treasury: treasury ? { nrb: formatNrb(treasury.nrb), name: treasury.name } : null, flagged, suggested: addMonths(thisMonth, -1).slice(0, 7) };
}

const Action = intents([
  z.object({ intent: z.literal("open"), month: month() }),
  z.object({ intent: z.literal("treasury"), nrb: nrb(), name: text({ min: 3, max: 200, message: "payouts.holderRequired" }) }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "settlements.manage");
  const cusId = requireCentreId(access);
  const actor = actorFrom(access, context);
  const form = await readForm(request, Action);
  if (!form.ok) return refuseInput(form, String(form.values.intent ?? "open"));
  if (form.data.intent === "treasury") {
    await setTreasuryAccount({ cusId, nrb: form.data.nrb, name: form.data.name, actor });
    return done(request, { kind: "success", message: "settlements.treasurySaved" });
  }
  const opened = await openSettlementRun({ cusId, month: form.data.month, actor, now: clock.now() });
  if (!opened.ok) return refuse("open", { month: `settlements.${opened.reason}` }, form.values);
  return done(request, { kind: "success", message: "settlements.opened" }, `/finance/settlements/${opened.runId}`);
}

export default function FinanceSettlements() {
  const d = useLoaderData<typeof loader>();
  const refusal = useRefusal();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{t("settlements.title")}</h1>
      <p>{t("settlements.intro")}</p>
      <section className="panel" aria-labelledby="open-title">
        <h2 id="open-title">{t("settlements.open")}</h2>
        <Form method="post" className="filters">
          <input type="hidden" name="intent" value="open" />
          <Field name="month" type="month" label={t("settlements.month")} defaultValue={refusal.value("open", "month", d.suggested)} error={refusal.error("open", "month")} />
          <button type="submit" className="button">
            {t("settlements.open")}
          </button>
        </Form>
      </section>
      <section className="panel" aria-labelledby="runs-title">
        <h2 id="runs-title">{t("settlements.runs")}</h2>
        {d.runs.length === 0 ? (
          <p>{t("settlements.noRuns")}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="runs-title" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("settlements.month")}</th>
                  <th scope="col">{t("settlements.statements")}</th>
                  <th scope="col">{t("settlements.total")}</th>
                  <th scope="col">{t("settlements.statuses.paid")}</th>
                </tr>
              </thead>
              <tbody>
                {d.runs.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/finance/settlements/${r.id}`}>{formatMonth(r.month, locale)}</Link>
                    </td>
                    <td>{r.statements}</td>
                    <td>{formatMoney(r.totalGrosze, locale)}</td>
                    <td>
                      {r.paid} / {r.statements}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="flagged-title">
        <h2 id="flagged-title">{t("settlements.noContract")}</h2>
        <p>{t("settlements.noContractIntro")}</p>
        {d.flagged.length === 0 ? (
          <p>{t("settlements.noContractNone")}</p>
        ) : (
          <ul className="plain-list">
            {d.flagged.map((f) => (
              <li key={f.bookingId}>
                {formatDate(f.day, locale)} — {f.providerName}: {f.offerName} ({(f.unitsHundredths / 100).toLocaleString(locale)} {t("settlements.units").toLowerCase()})
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="treasury-title">
        <h2 id="treasury-title">{t("settlements.treasury")}</h2>
        <p>{t("settlements.treasuryIntro")}</p>
        {d.treasury ? (
          <p>
            {d.treasury.nrb} ({d.treasury.name})
          </p>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="treasury" />
          <Field name="nrb" inputMode="numeric" autoComplete="off" label={t("settlements.treasuryNrb")} defaultValue={refusal.value("treasury", "nrb")} error={refusal.error("treasury", "nrb")} />
          <Field name="name" label={t("settlements.treasuryName")} defaultValue={refusal.value("treasury", "name")} error={refusal.error("treasury", "name")} />
          <button type="submit" className="button">
            {t("settlements.saveTreasury")}
          </button>
        </Form>
      </section>
    </>
  );
}
