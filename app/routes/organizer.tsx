import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CentreCard } from "~/components/CentreCard";
import { ProviderTable } from "~/components/ProviderTable";
import { getCentre, listCentreProviders } from "~/modules/directory/centres.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.home");

const statusOrder = { pending: 0, returned: 1, suspended: 2, verified: 3 } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "organizer.desk");
  const cusId = requireCentreId(access);
  const [centre, providers] = await Promise.all([getCentre(cusId), listCentreProviders(cusId)]);
  if (!centre) throw new Response("Not found", { status: 404 });
  // Those waiting for the organiser come first.
  providers.sort((a, b) => statusOrder[a.status] - statusOrder[b.status] || a.name.localeCompare(b.name, "pl"));
  return { name: access.user.name, centre, providers };
}

export default function OrganizerHome() {
  const { name, centre, providers } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("home.welcome", { name })}</h1>
      <section className="panel" aria-labelledby="providers-title">
        <h2 id="providers-title">{t("home.providers")}</h2>
        <ProviderTable rows={providers} columns={["legalForm", "city", "status", "contact"]} caption={t("home.providers")} />
      </section>
      <CentreCard centre={centre} headingId="centre-title" heading={t("home.centre")} />
    </>
  );
}
