import { Link } from "@remix-run/react";
import type { StatementStatus } from "~/modules/billing/values";
import { formatMoney, formatMonth } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";

type Row = { id: string; month: string; reference: string; status: StatementStatus; totalGrosze: number; outstandingGrosze: number };

/** The resident's statements on their page: what each is for, its state, and a way to pay what is owed. */
export function StatementsPanel({ statements }: { statements: Row[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="panel" aria-labelledby="my-statements-title">
      <h2 id="my-statements-title">{t("billing.statements")}</h2>
      {statements.length === 0 ? <p>{t("billing.noStatements")}</p> : null}
      <ul className="plain-list">
        {statements.map((s) => (
          <li key={s.id}>
            <Link to={`/me/statements/${s.id}`}>{t("billing.statementFor", { month: formatMonth(s.month, locale) })}</Link> — {formatMoney(s.totalGrosze, locale)} · {t(`billing.statusLabels.${s.status}`)}
            {s.outstandingGrosze > 0 ? (
              <>
                {" "}
                · <strong>{t("billing.outstanding")}: {formatMoney(s.outstandingGrosze, locale)}</strong>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
