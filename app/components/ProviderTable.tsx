import type { ProviderLegalForm } from "@db/schema/organisations";
import { useT } from "~/utils/i18n-react";

export type ProviderRow = {
  id: string;
  name: string;
  legalForm: ProviderLegalForm;
  subtype: string | null;
  city: string;
  email: string;
  phone: string | null;
  contactPerson: string | null;
  nip: string | null;
  regon: string | null;
  krs: string | null;
  status: "pending" | "verified" | "returned" | "suspended";
};

type Column = "legalForm" | "city" | "status" | "contact" | "identifiers";

/** The centre's providers as a table; each desk picks the columns its role works with. */
export function ProviderTable({ rows, columns, caption }: { rows: ProviderRow[]; columns: Column[]; caption: string }) {
  const t = useT();
  if (rows.length === 0) return <p>{t("home.noProviders")}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("home.providerName")}</th>
            {columns.includes("legalForm") ? <th scope="col">{t("home.legalForm")}</th> : null}
            {columns.includes("city") ? <th scope="col">{t("home.city")}</th> : null}
            {columns.includes("status") ? <th scope="col">{t("home.status")}</th> : null}
            {columns.includes("contact") ? <th scope="col">{t("home.contact")}</th> : null}
            {columns.includes("identifiers") ? (
              <>
                <th scope="col">{t("home.nip")}</th>
                <th scope="col">{t("home.regon")}</th>
                <th scope="col">{t("home.krs")}</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.name}</th>
              {columns.includes("legalForm") ? (
                <td>
                  {t(`legalForms.${p.legalForm}`)}
                  {p.subtype ? ` (${p.subtype})` : ""}
                </td>
              ) : null}
              {columns.includes("city") ? <td>{p.city}</td> : null}
              {columns.includes("status") ? (
                <td>
                  <span className={`badge badge--${p.status}`}>{t(`providerStatus.${p.status}`)}</span>
                </td>
              ) : null}
              {columns.includes("contact") ? (
                <td>
                  {p.contactPerson ? <div>{p.contactPerson}</div> : null}
                  <div>
                    <a href={`mailto:${p.email}`}>{p.email}</a>
                  </div>
                  {p.phone ? (
                    <div>
                      <a href={`tel:${p.phone.replace(/\s/g, "")}`}>{p.phone}</a>
                    </div>
                  ) : null}
                </td>
              ) : null}
              {columns.includes("identifiers") ? (
                <>
                  <td>{p.nip ?? "—"}</td>
                  <td>{p.regon ?? "—"}</td>
                  <td>{p.krs ?? "—"}</td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
