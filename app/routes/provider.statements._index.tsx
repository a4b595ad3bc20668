import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PoolUse } from "~/components/PoolUse";
import { contractsWithPools } from "~/modules/contracts/contracts.server";
import { requireAccess, requireProviderId } from "~/modules/identity/access.server";
import { clock } from "~/modules/kernel/clock.server";
import { warsawDate } from "~/modules/kernel/dates";
import { listProviderStatements, visitsToRecord } from "~/modules/settlements/runs.server";
import { formatDate, formatMonth, formatMoney } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "settlements.mine");

/** The provider's side of settlement: statements to answer, what was paid and when, pools, visits still to record. */
export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "provider.statements");
  const providerId = requireProviderId(access);
  const now = clock.now();
  const [statements, contracts, toRecord] = await Promise.all([listProviderStatements(providerId), contractsWithPools(null, { providerId }), visitsToRecord(providerId, `${warsawDate(now).slice(0, 7)}-01`, now)]);
  return {
    statements: statements.map((s) => ({ id: s.s.id, reference: s.s.reference, month: s.month, status: s.s.status, totalGrosze: s.s.totalGrosze, paidOn: s.s.paidOn, invoiceNumber: s.s.invoiceNumber })),
    contracts,
    toRecord,
  };
}

export default function ProviderStatements() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1>{t("settlements.mine")}</h1>
      <p>{t("settlements.mineIntro")}</p>
      {d.toRecord > 0 ? (
        <p>
          <Link to="/provider/bookings">{t("settlements.toRecord", { count: d.toRecord })}</Link>
        </p>
      ) : null}
      <section className="panel" aria-labelledby="mine-title">
        <h2 id="mine-title">{t("settlements.statements")}</h2>
        {d.statements.length === 0 ? (
          <p>{t("settlements.mineNone")}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="mine-title" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("settlements.reference")}</th>
                  <th scope="col">{t("settlements.month")}</th>
                  <th scope="col">{t("settlements.total")}</th>
                  <th scope="col">{t("settlements.status")}</th>
                  <th scope="col">{t("settlements.invoice")}</th>
                </tr>
              </thead>
              <tbody>
                {d.statements.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`/provider/statements/${s.id}`}>{s.reference}</Link>
                    </td>
                    <td>{formatMonth(s.month, locale)}</td>
                    <td>{formatMoney(s.totalGrosze, locale)}</td>
                    <td>
                      {t(`settlements.statuses.${s.status}`)}
                      {s.paidOn ? ` — ${t("settlements.paid", { date: formatDate(s.paidOn, locale) })}` : ""}
                    </td>
                    <td>{s.invoiceNumber ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="pools-title">
        <h2 id="pools-title">{t("settlements.contractsMine")}</h2>
        {d.contracts.length === 0 ? (
          <p>{t("contracts.none")}</p>
        ) : (
          <ul className="plain-list">
            {d.contracts.map((c) => (
              <li key={c.id}>
                <strong>{c.number}</strong> ({t(`contracts.modes.${c.mode}`)}, {formatDate(c.validFrom, locale)} – {formatDate(c.validTo, locale)}): {c.offers.join(", ")} — <PoolUse pool={c} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
