import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, SelectField } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { useRefusal } from "~/components/refusal";
import { linesForView, SettlementLines } from "~/components/SettlementLines";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { actorFrom } from "~/modules/kernel/actor";
import { notFound, readForm, readParams, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { clock } from "~/modules/kernel/clock.server";
import { choice, crossCheck, decimal, id, text } from "~/modules/kernel/input";
import { getProviderStatement, resolveDispute } from "~/modules/settlements/runs.server";
import { formatDate, formatMonth } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "settlements.title");

const Params = z.object({ statementId: id() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "settlements.manage");
  const cusId = requireCentreId(access);
  const { statementId } = readParams(params, Params);
  const found = await getProviderStatement({ cusId }, statementId);
  if (!found) throw notFound();
  return { statement: { ...found.s, answeredAt: found.s.answeredAt?.toISOString() ?? null, sentAt: null, approvedAt: null, paidAt: null }, month: found.month, providerName: found.providerName, lines: linesForView(found.lines) };
}

const Resolve = crossCheck(
  z.object({ lineId: id(), resolution: choice(["stands", "corrected"]), correctedUnits: z.union([z.literal("").transform(() => null), decimal({ min: 0, max: 100_000, message: "settlements.unitsRequired" })]).default(null as never), note: text({ min: 3, max: 1000, message: "settlements.noteRequired" }) }),
  (v, ctx) => {
    if (v.resolution === "corrected" && v.correctedUnits === null) ctx.addIssue({ code: "custom", path: ["correctedUnits"], message: "settlements.unitsRequired" });
  },
);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "settlements.manage");
  const cusId = requireCentreId(access);
  readParams(params, Params);
  const form = await readForm(request, Resolve);
  if (!form.ok) return refuseInput(form, `line-${String(form.values.lineId ?? "")}`);
  const result = await resolveDispute({ cusId, lineId: form.data.lineId, resolution: form.data.resolution, correctedUnitsHundredths: form.data.correctedUnits === null ? null : Math.round(form.data.correctedUnits * 100), note: form.data.note, actor: actorFrom(access, context), now: clock.now() });
  if (!result.ok && result.reason === "not_found") throw notFound();
  if (!result.ok) return refuse(`line-${form.data.lineId}`, { [result.reason === "units" ? "correctedUnits" : "form"]: result.reason === "units" ? "settlements.unitsRequired" : "settlements.not_disputed" }, form.values, 409);
  return done(request, { kind: "success", message: "settlements.resolved" });
}

export default function FinanceProviderStatement() {
  const d = useLoaderData<typeof loader>();
  const refusal = useRefusal();
  const t = useT();
  const locale = useLocale();
  const s = d.statement;
  return (
    <>
      <p>
        <Link to={`/finance/settlements/${s.runId}`}>{t("settlements.runs")}</Link>
      </p>
      <h1>{t("settlements.statement", { reference: s.reference })}</h1>
      <dl className="facts">
        <dt>{t("contracts.provider")}</dt>
        <dd>{d.providerName}</dd>
        <dt>{t("settlements.month")}</dt>
        <dd>{formatMonth(d.month, locale)}</dd>
        <dt>{t("settlements.status")}</dt>
        <dd>{t(`settlements.statuses.${s.status}`)}</dd>
        <dt>{t("settlements.invoice")}</dt>
        <dd>
          {s.invoiceNumber ?? "—"}
          {s.ksefNumber ? ` · KSeF ${s.ksefNumber}` : ""}
          {s.invoiceDate ? ` · ${formatDate(s.invoiceDate, locale)}` : ""}
        </dd>
      </dl>
      <SettlementLines
        lines={d.lines}
        totalGrosze={s.totalGrosze}
        action={(line) =>
          line.answer === "disputed" && !line.resolution && s.status === "disputed" ? (
            <Form method="post" aria-label={t("settlements.resolve")}>
              <input type="hidden" name="lineId" value={line.id} />
              {refusal.error(`line-${line.id}`, "form") ? <Feedback kind="error">{refusal.error(`line-${line.id}`, "form")}</Feedback> : null}
              <SelectField id={`resolution-${line.id}`} name="resolution" label={t("settlements.resolution")} defaultValue={refusal.value(`line-${line.id}`, "resolution", "stands")} options={(["stands", "corrected"] as const).map((r) => ({ value: r, label: t(`settlements.resolutions.${r}`) }))} />
              <Field id={`units-${line.id}`} name="correctedUnits" inputMode="decimal" label={t("settlements.correctedUnits")} defaultValue={refusal.value(`line-${line.id}`, "correctedUnits")} error={refusal.error(`line-${line.id}`, "correctedUnits")} />
              <Field id={`note-${line.id}`} name="note" label={t("settlements.resolutionNote")} defaultValue={refusal.value(`line-${line.id}`, "note")} error={refusal.error(`line-${line.id}`, "note")} />
              <button type="submit" className="button">
                {t("settlements.resolve")}
              </button>
            </Form>
          ) : null
        }
      />
    </>
  );
}
