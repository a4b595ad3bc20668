import { formatMoney, intlLocale } from "~/utils/format";
import type { Locale } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/i18n-react";

export type PoolFigures = {
  poolUnitsHundredths: number | null;
  poolGrosze: number | null;
  committedHundredths: number;
  usedHundredths: number;
  committedGrosze: number;
  usedGrosze: number;
  level: "none" | "ok" | "warning" | "full";
  overrunAllowed: boolean;
};

const units = (hundredths: number, locale: Locale) => (hundredths / 100).toLocaleString(intlLocale(locale), { maximumFractionDigits: 2 });
const percentOf = (taken: number, pool: number) => Math.floor((taken * 100) / pool);

/** A contract's pool: taken (committed + used) of the pool, what is left, and a warning at 80 % and 100 %. */
export function PoolUse({ pool }: { pool: PoolFigures }) {
  const t = useT();
  const locale = useLocale();
  if (pool.poolUnitsHundredths === null && pool.poolGrosze === null) return <span>{t("contracts.poolNone")}</span>;
  const takenUnits = pool.committedHundredths + pool.usedHundredths;
  const takenGrosze = pool.committedGrosze + pool.usedGrosze;
  return (
    <span className={pool.level === "full" ? "pool pool--full" : pool.level === "warning" ? "pool pool--warning" : "pool"}>
      {pool.poolUnitsHundredths !== null ? (
        <span>
          {t("contracts.poolUse", { taken: units(takenUnits, locale), pool: units(pool.poolUnitsHundredths, locale), percent: percentOf(takenUnits, pool.poolUnitsHundredths), left: units(Math.max(0, pool.poolUnitsHundredths - takenUnits), locale) })}
          {" "}({t("contracts.committed")}: {units(pool.committedHundredths, locale)}, {t("contracts.used")}: {units(pool.usedHundredths, locale)})
        </span>
      ) : null}
      {pool.poolGrosze !== null ? <span> {t("contracts.poolAmountUse", { taken: formatMoney(takenGrosze, locale), pool: formatMoney(pool.poolGrosze, locale), percent: percentOf(takenGrosze, pool.poolGrosze) })}</span> : null}
      {pool.level === "warning" || pool.level === "full" ? <strong> {t(`contracts.level.${pool.level}`)}</strong> : null}
      {pool.overrunAllowed ? <span> {t("contracts.overrunAllowed")}</span> : null}
    </span>
  );
}
