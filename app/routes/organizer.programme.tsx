import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CheckboxGroup, Field, TextArea } from "~/components/Field";
import { Feedback } from "~/components/Feedback";
import { packageFormSchema, programmeFormSchema } from "~/modules/directory/programme-form";
import { deletePackage, getProgrammeOverview, savePackage, saveProgramme } from "~/modules/directory/programme.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { formatDate } from "~/utils/format";
import { z } from "zod";
import { errorText } from "~/components/refusal";
import { notFound, readForm, readQuery, refuse, refuseInput } from "~/modules/kernel/boundary.server";
import { done } from "~/modules/kernel/feedback.server";
import { id, intents, optionalId } from "~/modules/kernel/input";
import { isRefusal, type Refusal } from "~/modules/kernel/refusal";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";
import { actorFrom } from "~/modules/kernel/actor";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "programme.title");

const ProgrammeQuery = z.object({
  programme: optionalId().catch(null),
  new: z.string().optional().catch(undefined),
});

/** The programme's own details, a package (new or existing), or taking a package out. */
const ProgrammeAction = intents([
  programmeFormSchema.extend({ intent: z.literal("programme"), programmeId: optionalId() }),
  packageFormSchema.extend({ intent: z.literal("package"), programmeId: id(), packageId: optionalId() }),
  z.object({ intent: z.literal("delete-package"), programmeId: id(), packageId: id() }),
]);

/** The form a refusal belongs to: the programme's, or one package's ("new-package" for a new one). */
function formOf(values: Record<string, unknown>): string {
  if (values.intent === "package") return typeof values.packageId === "string" && values.packageId ? values.packageId : "new-package";
  return "programme";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "directory.review");
  const { data: q } = readQuery(request, ProgrammeQuery);
  const overview = await getProgrammeOverview(requireCentreId(access), q.programme);
  return { ...overview, creating: q.new !== undefined || !overview.programme };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireAccess(request, "directory.review");
  const cusId = requireCentreId(access);
  const actor = actorFrom(access, context);
  const form = await readForm(request, ProgrammeAction);
  if (!form.ok) return refuseInput(form, formOf(form.values));
  const input = form.data;
  switch (input.intent) {
    case "programme": {
      const { intent: _intent, programmeId, ...content } = input;
      const result = await saveProgramme({ cusId, programmeId, content, actor });
      if (!result.ok) throw notFound();
      return done(request, { kind: "success", message: "programme.saved.programme" }, `/organizer/programme?programme=${result.programmeId}`);
    }
    case "package": {
      const { intent: _intent, programmeId, packageId, ...content } = input;
      const result = await savePackage({ cusId, programmeId, packageId, content, actor });
      if (!result.ok) {
        if (result.reason === "not_found") throw notFound();
        return refuse(formOf(form.values), { offerIds: "programme.errors.foreignOffer" }, form.values);
      }
      return done(request, { kind: "success", message: "programme.saved.package" }, `/organizer/programme?programme=${programmeId}`);
    }
    case "delete-package": {
      const result = await deletePackage({ cusId, packageId: input.packageId, actor });
      if (!result.ok) throw notFound();
      return done(request, { kind: "success", message: "programme.saved.deleted" }, `/organizer/programme?programme=${input.programmeId}`);
    }
  }
}

type ActionResult = Refusal;

type Overview = ReturnType<typeof useLoaderData<typeof loader>>;

function PackageForm({ programmeId, pkg, offers, result }: { programmeId: string; pkg: Overview["packages"][number] | null; offers: Overview["offers"]; result: ActionResult | undefined }) {
  const t = useT();
  const formKey = pkg?.id ?? "new-package";
  const mine = result?.form === formKey ? result : undefined;
  const errors = mine?.errors ?? {};
  const value = (k: "name" | "description") => (mine ? String(mine.values[k] ?? "") : (pkg?.[k] ?? ""));
  const checked = mine ? [mine.values.offerIds ?? []].flat() : (pkg?.offerIds ?? []);
  const err = (k: string) => errorText(t, errors[k]);
  const areas = [...new Set(offers.map((o) => o.area))];
  return (
    <Form method="post" noValidate className="package-form">
      <input type="hidden" name="intent" value="package" />
      <input type="hidden" name="programmeId" value={programmeId} />
      {pkg ? <input type="hidden" name="packageId" value={pkg.id} /> : null}
      <Field id={`${formKey}-name`} name="name" label={t("programme.packageName")} defaultValue={value("name")} error={err("name")} required />
      <TextArea id={`${formKey}-description`} name="description" label={t("programme.packageDescription")} value={value("description")} error={err("description")} />
      {err("offerIds") ? (
        <p className="field__error" id={`${formKey}-offers-error`}>
          {err("offerIds")}
        </p>
      ) : null}
      {areas.map((area) => (
        <CheckboxGroup
          key={area}
          id={`${formKey}-area-${area}`}
          name="offerIds"
          legend={`${area}. ${t(`areas.${area}` as "areas.1")}`}
          checked={checked}
          options={offers.filter((o) => o.area === area).map((o) => ({ value: o.id, label: `${o.name} – ${o.providerName ?? t("catalogue.centreOwn")}` }))}
        />
      ))}
      <button type="submit" className="button button--primary">
        {pkg ? t("programme.savePackage") : t("programme.addPackage")}
      </button>
    </Form>
  );
}

export default function Programme() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const result = isRefusal(answer) ? answer : undefined;
  const t = useT();
  const locale = useLocale();
  const p = d.creating ? null : d.programme;
  const programmeErrors = result?.form === "programme" ? result.errors : {};
  const pv = (k: "title" | "resolutionNumber" | "resolutionDate" | "validFrom" | "validTo") =>
    result?.form === "programme" ? String(result.values[k] ?? "") : (p?.[k] ?? "");
  const err = (k: string) => (programmeErrors[k] ? t(programmeErrors[k] as "programme.errors.title") : undefined);
  const offerName = new Map(d.offers.map((o) => [o.id, o.name]));
  return (
    <>
      <p>
        <Link to="/organizer">{t("nav.home")}</Link>
      </p>
      <h1>{t("programme.title")}</h1>
      <p>{t("programme.intro")}</p>
      {d.programmes.length > 0 ? (
        <nav aria-label={t("programme.list")} className="panel">
          <h2>{t("programme.list")}</h2>
          <ul className="plain-list">
            {d.programmes.map((x) => (
              <li key={x.id}>
                {x.id === p?.id ? (
                  <strong aria-current="page">{x.title}</strong>
                ) : (
                  <Link to={`?programme=${x.id}`}>{x.title}</Link>
                )}{" "}
                – {t("programme.resolutionShort", { number: x.resolutionNumber, date: formatDate(x.resolutionDate, locale) })}, {formatDate(x.validFrom, locale)} – {formatDate(x.validTo, locale)}
              </li>
            ))}
          </ul>
          {!d.creating ? <Link to="?new=1">{t("programme.new")}</Link> : null}
        </nav>
      ) : null}
      <section className="panel" aria-labelledby="programme-form-title">
        <h2 id="programme-form-title">{p ? t("programme.details") : t("programme.new")}</h2>
        {Object.keys(programmeErrors).length ? <Feedback kind="error">{t("errors.formErrors")} {Object.keys(programmeErrors).length}</Feedback> : null}
        <Form method="post" noValidate key={p?.id ?? "new"}>
          <input type="hidden" name="intent" value="programme" />
          {p ? <input type="hidden" name="programmeId" value={p.id} /> : null}
          <Field name="title" label={t("programme.titleField")} defaultValue={pv("title")} error={err("title")} required />
          <div className="grid-fields">
            <Field name="resolutionNumber" label={t("programme.resolutionNumber")} hint={t("programme.resolutionNumberHint")} defaultValue={pv("resolutionNumber")} error={err("resolutionNumber")} required />
            <Field name="resolutionDate" type="date" label={t("programme.resolutionDate")} defaultValue={pv("resolutionDate")} error={err("resolutionDate")} required />
          </div>
          <div className="grid-fields">
            <Field name="validFrom" type="date" label={t("programme.validFrom")} defaultValue={pv("validFrom")} error={err("validFrom")} required />
            <Field name="validTo" type="date" label={t("programme.validTo")} defaultValue={pv("validTo")} error={err("validTo")} required />
          </div>
          <button type="submit" className="button button--primary">
            {t("programme.save")}
          </button>
        </Form>
      </section>
      {p ? (
        <section className="panel" aria-labelledby="packages-title">
          <h2 id="packages-title">{t("programme.packages")}</h2>
          {d.offers.length === 0 ? <p>{t("programme.noOffers")}</p> : null}
          {d.packages.map((pkg) => (
            <article key={pkg.id} className="package" aria-labelledby={`package-${pkg.id}`}>
              <h3 id={`package-${pkg.id}`}>
                {pkg.name} <span className="muted">({t("programme.offerCount", { count: pkg.offerIds.length })})</span>
              </h3>
              {pkg.description ? <p>{pkg.description}</p> : null}
              <p className="muted">{pkg.offerIds.map((id) => offerName.get(id) ?? "").filter(Boolean).join(" · ")}</p>
              <details open={result?.form === pkg.id}>
                <summary>{t("programme.editPackage", { name: pkg.name })}</summary>
                <PackageForm programmeId={p.id} pkg={pkg} offers={d.offers} result={result} />
                <Form method="post" className="button-row">
                  <input type="hidden" name="intent" value="delete-package" />
                  <input type="hidden" name="programmeId" value={p.id} />
                  <input type="hidden" name="packageId" value={pkg.id} />
                  <button type="submit" className="button button--danger">
                    {t("programme.deletePackage", { name: pkg.name })}
                  </button>
                </Form>
              </details>
            </article>
          ))}
          <details open={result?.form === "new-package" || d.packages.length === 0}>
            <summary>{t("programme.addPackage")}</summary>
            <PackageForm programmeId={p.id} pkg={null} offers={d.offers} result={result} />
          </details>
        </section>
      ) : null}
    </>
  );
}
