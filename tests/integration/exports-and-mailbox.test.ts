import { parse } from "csv-parse/sync";
import { centreProviders } from "@db/schema";
import { reviewOffer, submitOffer } from "~/modules/directory/offers.server";
import * as catalogueCsv from "~/routes/catalogue[.]csv";
import * as mailbox from "~/routes/dev.mailbox._index";
import { call, cookieOf, get } from "../fixtures/http";
import { draftOffer, offerContent } from "../fixtures/offers";
import { actorOf, makeCentre, makeProvider, makeUser } from "../fixtures/people";
import { setupTestDatabase } from "../setup/test-database";

const t = setupTestDatabase();

describe("the public catalogue as CSV", () => {
  it("an offer named like a formula is exported as text, so a spreadsheet never runs it", async () => {
    const centre = await makeCentre(t.db);
    const provider = await makeProvider(t.db, "=HYPERLINK(\"https://evil.example\",\"Fundacja\")");
    await t.db.insert(centreProviders).values({ cusId: centre.id, providerId: provider.id, status: "verified" });
    const admin = actorOf(await makeUser(t.db, { role: "provider_admin", providerId: provider.id }));
    const organiser = actorOf(await makeUser(t.db, { role: "organizer", cusId: centre.id }));
    const offerId = await draftOffer({ providerId: provider.id, cusId: centre.id, content: offerContent({ name: "+48 600 700 800 – telefon zaufania", category: "@SUM(A1:A9)" }), actor: admin });
    await submitOffer({ offerId, providerId: provider.id, actor: admin });
    await reviewOffer({ offerId, cusId: centre.id, decision: "publish", comment: null, actor: organiser });

    const answer = await call(catalogueCsv.loader, get("/catalogue.csv"));
    const rows = parse(String(answer.body).replace(/^\ufeff/, ""), { delimiter: ";" }) as string[][];
    const row = rows.find((r) => r[0] === offerId)!;
    expect(row[1]).toBe("'+48 600 700 800 – telefon zaufania");
    expect(row[3]).toBe("'@SUM(A1:A9)");
    expect(row[4]).toBe("'=HYPERLINK(\"https://evil.example\",\"Fundacja\")");
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe("the development mailbox (it holds password-reset links)", () => {
  it("is hidden from an anonymous visitor on another computer, and from a provider", async () => {
    expect((await call(mailbox.loader, get("/dev/mailbox"), {}, "203.0.113.7")).status).toBe(403);
    const provider = await makeUser(t.db, { role: "provider_admin", providerId: (await makeProvider(t.db)).id });
    expect((await call(mailbox.loader, get("/dev/mailbox", await cookieOf(provider)), {}, "203.0.113.7")).status).toBe(403);
  });

  it("is open to signed-in centre staff, and to a browser on the machine the portal runs on", async () => {
    const director = await makeUser(t.db, { role: "director", cusId: (await makeCentre(t.db)).id });
    expect((await call(mailbox.loader, get("/dev/mailbox", await cookieOf(director)), {}, "203.0.113.7")).status).toBe(200);
    expect((await call(mailbox.loader, get("/dev/mailbox"), {}, "127.0.0.1")).status).toBe(200);
  });
});
