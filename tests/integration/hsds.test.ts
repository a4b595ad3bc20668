import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { parse } from "csv-parse/sync";
import { centreGminas, centreProviders } from "@db/schema";
import { catalogueCsvRows, hsdsOrganizations, hsdsService, hsdsServiceAtLocations, hsdsServices } from "~/modules/directory/hsds.server";
import { createLocation, reviewOffer, submitOffer } from "~/modules/directory/offers.server";
import { reviewProvider } from "~/modules/directory/providers.server";
import { draftOffer, offerContent } from "../fixtures/offers";
import { actorOf, makeCentre, makeProvider, makeUser } from "../fixtures/people";
import { setupTestDatabase } from "../setup/test-database";

const t = setupTestDatabase();
const schemaDir = path.resolve(process.cwd(), "tests/fixtures/hsds-3.0");

function validator(name: string) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(path.join(schemaDir, `${name}.json`), "utf8")));
}

describe("open data (HSDS 3.0) and CSV", () => {
  it("exports only published offers of verified providers, valid against the shipped schemas", async () => {
    const centre = await makeCentre(t.db);
    await t.db.insert(centreGminas).values({ cusId: centre.id, terytCode: "0611052", name: "Gmina Borków" });
    const verified = await makeProvider(t.db, "Fundacja Zażółć Gęślą Jaźń");
    const pending = await makeProvider(t.db, "Stowarzyszenie Niezweryfikowane");
    await t.db.insert(centreProviders).values([
      { cusId: centre.id, providerId: verified.id, status: "pending" },
      { cusId: centre.id, providerId: pending.id, status: "pending" },
    ]);
    const admin = await makeUser(t.db, { role: "provider_admin", providerId: verified.id });
    const organiser = await makeUser(t.db, { role: "organizer", cusId: centre.id });
    const pa = actorOf(admin);
    const oa = actorOf(organiser);
    await reviewProvider({ cusId: centre.id, providerId: verified.id, decision: "verify", note: null, actor: oa });
    const place = await createLocation({ providerId: verified.id }, { name: "Klub Seniora", street: "ul. Lipowa 1", postalCode: "21-040", city: "Borków", gminaName: "Gmina Borków", accessibility: ["step_free"] }, pa);
    const offerId = await draftOffer({ providerId: verified.id, cusId: centre.id, content: offerContent({ name: "Klub seniora – zajęcia ruchowe", deliveryModes: ["place"], locationIds: [place.id], languages: ["pl", "uk"], requiredDocuments: "Dowód osobisty" }), actor: pa });
    await submitOffer({ offerId, providerId: verified.id, actor: pa });
    await reviewOffer({ offerId, cusId: centre.id, decision: "publish", comment: null, actor: oa });
    await draftOffer({ providerId: pending.id, cusId: centre.id, content: offerContent({ name: "Oferta niezweryfikowana" }), actor: pa });

    const services = await hsdsServices(1, 50);
    expect(services.total_items).toBe(1);
    const validateService = validator("service");
    for (const s of services.contents) expect(validateService(s), JSON.stringify(validateService.errors)).toBe(true);
    // The validator does reject a record that breaks the schema.
    expect(validateService({ ...services.contents[0], status: "open" })).toBe(false);
    expect(services.contents[0]!.service_at_locations[0]!.location.addresses[0]!.city).toBe("Borków");
    // One service by its id, as HSDS's API has it; nothing for an offer that is not published.
    const one = await hsdsService(offerId);
    expect(one).toEqual(services.contents[0]);
    expect(validateService(one)).toBe(true);
    expect(await hsdsService(pending.id)).toBeNull();

    const organizations = await hsdsOrganizations(1, 50);
    expect(organizations.contents.map((o) => o.name)).toEqual(["Fundacja Zażółć Gęślą Jaźń"]);
    const validateOrganization = validator("organization");
    for (const o of organizations.contents) expect(validateOrganization(o), JSON.stringify(validateOrganization.errors)).toBe(true);

    const sal = await hsdsServiceAtLocations(1, 50);
    expect(sal.total_items).toBe(1);
    const validateSal = validator("service_at_location");
    for (const s of sal.contents) expect(validateSal(s), JSON.stringify(validateSal.errors)).toBe(true);

    const csvRows = await catalogueCsvRows();
    const { stringify } = await import("csv-stringify/sync");
    const csv = "\ufeff" + stringify(csvRows, { delimiter: ";" });
    const parsed = parse(csv.replace(/^\ufeff/, ""), { delimiter: ";" }) as string[][];
    expect(parsed[0]).toContain("usługodawca");
    expect(parsed[1]).toContain("Fundacja Zażółć Gęślą Jaźń");
    expect(parsed).toHaveLength(2);
  });
});
