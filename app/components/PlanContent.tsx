import type { T } from "~/utils/i18n";

export type PlanContentGoal = { description: string; criteria: string };
export type PlanContentItem = { offerName: string; providerName: string | null; locationName: string | null; units: number; unit: string; frequency: string; validFrom: string; validTo: string };

/**
 * A plan's goals and services as a reader sees them: the printed copy and an earlier version share it, so
 * both show a plan the same way. The translator is passed in because the copy is in the resident's language.
 */
export function PlanContent({
  goals,
  items,
  t,
  date,
  centreName,
  coveredPeople,
}: {
  goals: PlanContentGoal[];
  items: PlanContentItem[];
  t: T;
  date: (iso: string) => string;
  centreName: string;
  /** For a family plan: everyone it covers. */
  coveredPeople?: string[];
}) {
  return (
    <>
      {coveredPeople?.length ? <p>{t("plans.coveredPeople", { names: coveredPeople.join(", ") })}</p> : null}
      <h2>{t("plans.goals")}</h2>
      {goals.length === 0 ? <p>{t("plans.noGoals")}</p> : null}
      <ol>
        {goals.map((g, n) => (
          <li key={n}>
            {g.description}
            <br />
            <em>
              {t("plans.criteria")}: {g.criteria}
            </em>
          </li>
        ))}
      </ol>
      <h2>{t("plans.items")}</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("plans.service")}</th>
              <th scope="col">{t("print.who")}</th>
              <th scope="col">{t("plans.amount")}</th>
              <th scope="col">{t("plans.dates")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i, n) => (
              <tr key={n}>
                <td>{i.offerName}</td>
                <td>
                  {i.providerName ?? centreName}
                  {i.locationName ? `, ${i.locationName}` : ""}
                </td>
                <td>
                  {i.units} × {t(`units.${i.unit}` as "units.hour")}, {i.frequency}
                </td>
                <td>
                  {date(i.validFrom)} – {date(i.validTo)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
