import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ProviderTable } from "~/components/ProviderTable";
import { listCentreProviders } from "~/modules/directory/centres.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.home");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "finance.desk");
  const providers = await listCentreProviders(requireCentreId(access));
  return { name: access.user.name, providers };
}

export default function FinanceHome() {
  const { name, providers } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("home.welcome", { name })}</h1>
      <section className="panel" aria-labelledby="payees-title">
        <h2 id="payees-title">{t("home.payees")}</h2>
        <p>{t("home.payeesIntro")}</p>
        <ProviderTable rows={providers} columns={["legalForm", "identifiers", "status"]} caption={t("home.payees")} />
      </section>
    </>
  );
}
