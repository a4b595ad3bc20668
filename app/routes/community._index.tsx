import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CentreCard } from "~/components/CentreCard";
import { ProviderTable } from "~/components/ProviderTable";
import { getCentre, listCentreProviders } from "~/modules/directory/centres.server";
import { requireAccess, requireCentreId } from "~/modules/identity/access.server";
import { useT } from "~/utils/i18n-react";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.home");

export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireAccess(request, "community.desk");
  const cusId = requireCentreId(access);
  const [centre, partners] = await Promise.all([
    getCentre(cusId),
    listCentreProviders(cusId, { legalForms: ["foundation", "association", "social_cooperative", "social_economy_other"] }),
  ]);
  if (!centre) throw new Response("Not found", { status: 404 });
  return { name: access.user.name, centre, partners };
}

export default function CommunityHome() {
  const { name, centre, partners } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("home.welcome", { name })}</h1>
      <section className="panel" aria-labelledby="partners-title">
        <h2 id="partners-title">{t("home.localPartners")}</h2>
        <p>{t("home.localPartnersIntro")}</p>
        <ProviderTable rows={partners} columns={["legalForm", "city", "contact"]} caption={t("home.localPartners")} />
      </section>
      <CentreCard centre={centre} headingId="centre-title" heading={t("home.centre")} />
    </>
  );
}
