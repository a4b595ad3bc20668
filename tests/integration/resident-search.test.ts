import { sql } from "drizzle-orm";
import { residents } from "@db/schema";
import { normaliseSearchText } from "~/modules/kernel/search-text";
import { listResidents } from "~/modules/plans/residents.server";
import { makePesel } from "~/modules/plans/pesel";
import { makeCentre } from "../fixtures/people";
import { rowsOf } from "~/modules/kernel/rows.server";
import { setupTestDatabase } from "../setup/test-database";

const t = setupTestDatabase();

/** A coordinator's centre with residents whose names need folding, one of them in another centre. */
async function centreWithResidents() {
  const centre = await makeCentre(t.db);
  const other = await makeCentre(t.db);
  const people = [
    { firstName: "Marian", lastName: "Woźniak", pesel: makePesel("1948-01-17", 11, "male"), phone: "+48 501 200 304" },
    { firstName: "Mariana", lastName: "Woźna", pesel: null, phone: "600-700-800" },
    { firstName: "Łucja", lastName: "Żółtowska-Ćwik", pesel: null, phone: null },
    { firstName: "Олена", lastName: "Шевчук", pesel: null, phone: null, documentNumber: "FA 1234567" },
    { firstName: "Jan", lastName: "Kowalski", pesel: null, phone: null },
  ];
  const rows = await t.db.insert(residents).values(people.map((p) => ({ cusId: centre.id, ...p }))).returning();
  await t.db.insert(residents).values({ cusId: other.id, firstName: "Marian", lastName: "Woźniak", phone: "+48 501 200 304" });
  const id = (last: string) => rows.find((r) => r.lastName === last)!.id;
  return { centre, id };
}

const found = async (cusId: string, q: string) => (await listResidents(cusId, { search: q }, t.db)).map((r) => `${r.firstName} ${r.lastName}`);

describe("finding a resident", () => {
  it("by part of a name, without diacritics, in any order; best match first; never another centre's", async () => {
    const { centre } = await centreWithResidents();
    expect((await found(centre.id, "woz")).sort()).toEqual(["Marian Woźniak", "Mariana Woźna"]);
    expect((await found(centre.id, "marian wozniak"))[0]).toBe("Marian Woźniak");
    expect(await found(centre.id, "Wozniak Marian")).toEqual(["Marian Woźniak"]);
    expect(await found(centre.id, "WOŹNIAK m")).toEqual(["Marian Woźniak"]);
    expect(await found(centre.id, "zoltowska cwik")).toEqual(["Łucja Żółtowska-Ćwik"]);
    expect(await found(centre.id, "ćwik")).toEqual(["Łucja Żółtowska-Ćwik"]);
    expect(await found(centre.id, "шевч")).toEqual(["Олена Шевчук"]);
    expect(await found(centre.id, "олена")).toEqual(["Олена Шевчук"]);
    // Each word must start a word of the name: "niak" is inside "Woźniak", not at a start.
    expect(await found(centre.id, "niak")).toEqual([]);
    expect(await found(centre.id, "kowalska")).toEqual([]);
    // Typed LIKE wildcards are text.
    expect(await found(centre.id, "%")).toEqual([]);
  });

  it("by PESEL, document number or phone, however it is typed", async () => {
    const { centre } = await centreWithResidents();
    expect(await found(centre.id, makePesel("1948-01-17", 11, "male"))).toEqual(["Marian Woźniak"]);
    expect(await found(centre.id, "501 200 304")).toEqual(["Marian Woźniak"]);
    expect(await found(centre.id, "+48501200304")).toEqual(["Marian Woźniak"]);
    expect(await found(centre.id, "600700800")).toEqual(["Mariana Woźna"]);
    expect(await found(centre.id, "fa1234567")).toEqual(["Олена Шевчук"]);
    expect(await found(centre.id, "FA 1234567")).toEqual(["Олена Шевчук"]);
  });

  it("the database folds names exactly as the typed query is folded", async () => {
    const names = ["Źdźbło Ąę", "ŁUKASZ Ślęzak", "Hélène Müller", "Dvořák Čapek", "Йосип Ярошенко", "Їжак Ґудзь", "Ёлка Є"];
    const centre = await makeCentre(t.db);
    await t.db.insert(residents).values(names.map((n) => ({ cusId: centre.id, firstName: n.split(" ")[0]!, lastName: n.split(" ")[1]! })));
    const stored = await rowsOf<{ name: string; folded: string }>(t.db, sql`select first_name || ' ' || last_name as name, search_name as folded from residents where cus_id = ${centre.id}`);
    for (const row of stored) expect(row.folded).toBe(normaliseSearchText(row.name));
  });
});
