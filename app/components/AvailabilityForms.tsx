import { Form } from "@remix-run/react";
import { forwardRef } from "react";
import { CheckboxGroup, Field, SelectField } from "~/components/Field";
import { errorText } from "~/components/refusal";
import type { Refusal } from "~/modules/kernel/refusal";
import { useT } from "~/utils/i18n-react";

type Option = { value: string; label: string };
export type FormState = Refusal | undefined;

const weekdayKeys = ["1", "2", "3", "4", "5", "6", "7"] as const;

function useFormHelpers(state: FormState, formName: string, defaults: Record<string, string | string[]>) {
  const t = useT();
  const mine = state?.form === formName ? state : undefined;
  const errors = mine?.errors ?? {};
  const value = (k: string) => {
    const v = mine ? mine.values[k] : defaults[k];
    return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
  };
  const list = (k: string) => [(mine ? mine.values[k] : defaults[k]) ?? []].flat();
  const err = (k: string) => errorText(t, errors[k]);
  return { t, errors, value, list, err };
}

/** The weekly window form. Selecting on the calendar fills it in (see provider.calendar.tsx). */
export const RuleForm = forwardRef<HTMLFormElement, { offers: Option[]; places: Option[]; staff: Option[]; state: FormState; defaults: Record<string, string | string[]> }>(function RuleForm(
  { offers, places, staff, state, defaults },
  ref,
) {
  const { t, errors, value, list, err } = useFormHelpers(state, "rule", defaults);
  return (
    <Form method="post" noValidate ref={ref} id="rule-form" key={state?.form === "rule" ? "rule-error" : "rule"}>
      <input type="hidden" name="intent" value="add-rule" />
      {Object.keys(errors).length ? <p className="notice notice--error">{t("errors.formErrors")} {Object.keys(errors).length}</p> : null}
      <SelectField name="offerId" label={t("availability.offer")} defaultValue={value("offerId")} error={err("offerId")} options={offers} />
      <div className="grid-fields">
        <SelectField name="locationId" label={t("availability.place")} defaultValue={value("locationId")} error={err("locationId")} options={[{ value: "", label: t("availability.noPlace") }, ...places]} />
        {staff.length ? <SelectField name="staffUserId" label={t("availability.staff")} defaultValue={value("staffUserId")} error={err("staffUserId")} options={[{ value: "", label: t("availability.anyStaff") }, ...staff]} /> : null}
      </div>
      <CheckboxGroup name="weekdays" legend={t("availability.weekdays")} checked={list("weekdays")} error={err("weekdays")} options={weekdayKeys.map((d) => ({ value: d, label: t(`weekdays.${d}`) }))} />
      <div className="grid-fields">
        <Field name="startTime" type="time" label={t("availability.startTime")} defaultValue={value("startTime")} error={err("startTime")} required />
        <Field name="endTime" type="time" label={t("availability.endTime")} defaultValue={value("endTime")} error={err("endTime")} required />
        <Field name="validFrom" type="date" label={t("availability.validFrom")} defaultValue={value("validFrom")} error={err("validFrom")} required />
        <Field name="validTo" type="date" label={t("availability.validTo")} hint={t("availability.validToHint")} defaultValue={value("validTo")} error={err("validTo")} />
      </div>
      <fieldset className="checkbox-group">
        <legend>{t("availability.kind")}</legend>
        <label>
          <input type="radio" name="kind" value="slots" defaultChecked={value("kind") !== "day"} /> {t("availability.kindSlots")}
        </label>
        <label>
          <input type="radio" name="kind" value="day" defaultChecked={value("kind") === "day"} /> {t("availability.kindDay")}
        </label>
      </fieldset>
      <div className="grid-fields">
        <Field name="slotMinutes" type="number" inputMode="numeric" min={5} label={t("availability.slotMinutes")} defaultValue={value("slotMinutes")} error={err("slotMinutes")} />
        <Field name="bufferMinutes" type="number" inputMode="numeric" min={0} label={t("availability.bufferMinutes")} defaultValue={value("bufferMinutes")} error={err("bufferMinutes")} />
        <Field name="seats" type="number" inputMode="numeric" min={1} label={t("availability.seats")} hint={t("availability.seatsHint")} defaultValue={value("seats")} error={err("seats")} required />
        <Field name="minNoticeHours" type="number" inputMode="numeric" min={0} label={t("availability.minNoticeHours")} defaultValue={value("minNoticeHours")} error={err("minNoticeHours")} />
        <Field name="horizonDays" type="number" inputMode="numeric" min={1} max={366} label={t("availability.horizonDays")} defaultValue={value("horizonDays")} error={err("horizonDays")} />
      </div>
      <label className="checkbox-line">
        <input type="checkbox" name="openOnHolidays" defaultChecked={value("openOnHolidays") === "on"} /> {t("availability.openOnHolidays")}
      </label>
      <button type="submit" className="button button--primary">
        {t("availability.addRule")}
      </button>
    </Form>
  );
});

/** A closure (sick leave, holiday, renovation) or an extra opening. */
export const ExceptionForm = forwardRef<HTMLFormElement, { offers: Option[]; places: Option[]; state: FormState; defaults: Record<string, string | string[]> }>(function ExceptionForm(
  { offers, places, state, defaults },
  ref,
) {
  const { t, errors, value, err } = useFormHelpers(state, "exception", defaults);
  return (
    <Form method="post" noValidate ref={ref} id="exception-form" key={state?.form === "exception" ? "exception-error" : "exception"}>
      <input type="hidden" name="intent" value="add-exception" />
      {Object.keys(errors).length ? <p className="notice notice--error">{t("errors.formErrors")} {Object.keys(errors).length}</p> : null}
      <fieldset className="checkbox-group">
        <legend>{t("availability.exceptionKind")}</legend>
        <label>
          <input type="radio" name="kind" value="closure" defaultChecked={value("kind") !== "opening"} /> {t("availability.closure")}
        </label>
        <label>
          <input type="radio" name="kind" value="opening" defaultChecked={value("kind") === "opening"} /> {t("availability.opening")}
        </label>
      </fieldset>
      <div className="grid-fields">
        <SelectField id="exception-offerId" name="offerId" label={t("availability.offer")} defaultValue={value("offerId")} error={err("offerId")} options={[{ value: "", label: t("availability.allOffers") }, ...offers]} />
        <SelectField id="exception-locationId" name="locationId" label={t("availability.place")} defaultValue={value("locationId")} options={[{ value: "", label: t("availability.anyPlace") }, ...places]} />
        <Field id="exception-startsOn" name="startsOn" type="date" label={t("availability.startsOn")} defaultValue={value("startsOn")} error={err("startsOn")} required />
        <Field id="exception-endsOn" name="endsOn" type="date" label={t("availability.endsOn")} defaultValue={value("endsOn")} error={err("endsOn")} required />
        <Field id="exception-startTime" name="startTime" type="time" label={t("availability.fromTime")} hint={t("availability.partDayHint")} defaultValue={value("startTime")} error={err("startTime")} />
        <Field id="exception-endTime" name="endTime" type="time" label={t("availability.toTime")} defaultValue={value("endTime")} error={err("endTime")} />
        <Field id="exception-seats" name="seats" type="number" inputMode="numeric" min={1} label={t("availability.openingSeats")} defaultValue={value("seats")} error={err("seats")} />
        <Field id="exception-slotMinutes" name="slotMinutes" type="number" inputMode="numeric" min={5} label={t("availability.slotMinutes")} defaultValue={value("slotMinutes")} error={err("slotMinutes")} />
      </div>
      <Field id="exception-reason" name="reason" label={t("availability.reason")} hint={t("availability.reasonHint")} defaultValue={value("reason")} error={err("reason")} required />
      <button type="submit" className="button button--primary">
        {t("availability.addException")}
      </button>
    </Form>
  );
});
