import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { countResidents, listResidents } from "~/modules/plans/residents.server";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.home");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "coordinator.desk");
  const cusId = requireCentreId(access);
  const search = new URL(request.url).searchParams.get("q") ?? "";
  const [residents, total] = await Promise.all([listResidents(cusId, { search }), countResidents(cusId)]);
  return { name: access.user.name, residents, total, search };
}

export default function CoordinatorHome() {
  const { name, residents, total, search } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("home.welcome", { name })}</h1>
      <section className="panel" aria-labelledby="residents-title">
        <h2 id="residents-title">
          {t("home.residents")} <span className="count">({total})</span>
        </h2>
        <p>{t("home.residentsIntro")}</p>
        <p>
          <Link className="button button--primary" to="/coordinator/residents/new">
            {t("residents.newLink")}
          </Link>
        </p>
        <Form method="get" role="search" className="inline-form">
          <label htmlFor="q">{t("home.search")}</label>
          <input id="q" name="q" type="search" defaultValue={search} />
          <button type="submit" className="button">
            {t("home.searchSubmit")}
          </button>
        </Form>
        {residents.length === 0 ? (
          <p>{t("home.noResidents")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("home.residents")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("home.residentName")}</th>
                  <th scope="col">{t("home.gmina")}</th>
                  <th scope="col">{t("home.phone")}</th>
                </tr>
              </thead>
              <tbody>
                {residents.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/coordinator/residents/${r.id}`}>
                        {r.lastName} {r.firstName}
                      </Link>
                    </th>
                    <td>{r.gminaName ?? "—"}</td>
                    <td>{r.phone ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
