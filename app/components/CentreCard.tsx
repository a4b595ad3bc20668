import { useT } from "~/utils/i18n-react";

export type CentreSummary = {
  name: string;
  street: string | null;
  postalCode: string | null;
  city: string;
  email: string;
  phone: string | null;
  gminas: { terytCode: string; name: string }[];
};

export function CentreCard({ centre, headingId, heading }: { centre: CentreSummary; headingId: string; heading: string }) {
  const t = useT();
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <p className="lead">{centre.name}</p>
      <dl className="details">
        <dt>{t("home.address")}</dt>
        <dd>
          {[centre.street, [centre.postalCode, centre.city].filter(Boolean).join(" ")].filter(Boolean).join(", ")}
        </dd>
        <dt>{t("home.contact")}</dt>
        <dd>
          <a href={`mailto:${centre.email}`}>{centre.email}</a>
          {centre.phone ? (
            <>
              {", "}
              <a href={`tel:${centre.phone.replace(/\s/g, "")}`}>{centre.phone}</a>
            </>
          ) : null}
        </dd>
        <dt>{t("home.gminas")}</dt>
        <dd>{centre.gminas.map((g) => g.name).join(", ")}</dd>
      </dl>
    </section>
  );
}
