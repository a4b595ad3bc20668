/**
 * The demo centre: a fictional joint CUS serving two gminas, its staff in every role, providers of
 * every kind, and residents with valid-checksum fictional PESELs. Idempotent: stable ids and
 * insert-or-ignore, so running it twice changes nothing. Refused in production.
 */
import { createHash } from "node:crypto";
import { hashPassword } from "../../app/modules/identity/password.server";
import { completeNip, completeRegon9 } from "../../app/modules/directory/identifiers";
import { makePesel } from "../../app/modules/plans/pesel";
import type { Database } from "../../db/client";
import { demoAccounts, DEMO_PASSWORD } from "../../db/demo-accounts";
import { centreGminas, centreProviders, centres, memberships, providerOrganisations, residents, users } from "../../db/schema";
import type { ProviderLegalForm } from "../../db/schema/organisations";
import { seedAvailability } from "./seed-capacity";
import { seedBilling } from "./seed-billing";
import { seedSettlements } from "./seed-settlements";
import { seedPlans } from "./seed-plans";
import { seedServiceBase } from "./seed-offers";

/** A UUID derived from a name, so every run of the seed addresses the same rows. */
export function stableId(name: string): string {
  const h = createHash("sha256").update(`cus-demo:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const DEMO_CENTRE_ID = stableId("centre");

const centre = {
  id: DEMO_CENTRE_ID,
  name: "Międzygminne Centrum Usług Społecznych w Borkowie",
  shortName: "MCUS Borków",
  email: "sekretariat@mcus-borkow.example",
  phone: "+48 81 555 20 10",
  street: "ul. Lipowa 12",
  postalCode: "21-040",
  city: "Borków",
};

const gminas = [
  { terytCode: "0611052", name: "Gmina Borków" },
  { terytCode: "0611063", name: "Gmina Lipnica Mała" },
];

type DemoProvider = {
  name: string;
  legalForm: ProviderLegalForm;
  subtype?: string;
  nipBase: string;
  regonBase: string;
  krs?: string;
  street: string;
  city: string;
  gminaName: string;
  contactPerson: string;
  phone: string;
  email: string;
  website?: string;
  description: string;
  status?: "pending" | "verified";
};

const providers: DemoProvider[] = [
  {
    name: "Fundacja Pomocna Dłoń",
    legalForm: "foundation",
    nipBase: "712301451",
    regonBase: "36105247",
    krs: "0000512345",
    street: "ul. Ogrodowa 5",
    city: "Borków",
    gminaName: "Gmina Borków",
    contactPerson: "Magdalena Wójcik",
    phone: "+48 81 555 31 00",
    email: "biuro@pomocna-dlon.example",
    website: "https://pomocna-dlon.example",
    description: "Usługi opiekuńcze w domu, wsparcie psychologiczne i opieka wytchnieniowa dla rodzin.",
  },
  {
    name: "Stowarzyszenie Aktywni Seniorzy",
    legalForm: "association",
    nipBase: "712309876",
    regonBase: "38204511",
    krs: "0000623410",
    street: "ul. Szkolna 2",
    city: "Lipnica Mała",
    gminaName: "Gmina Lipnica Mała",
    contactPerson: "Jadwiga Mazur",
    phone: "+48 81 555 40 22",
    email: "kontakt@aktywni-seniorzy.example",
    description: "Klub seniora, zajęcia ruchowe i warsztaty cyfrowe dla osób starszych.",
  },
  {
    name: "Spółdzielnia Socjalna Razem",
    legalForm: "social_cooperative",
    nipBase: "712312345",
    regonBase: "36600123",
    krs: "0000701122",
    street: "ul. Polna 18",
    city: "Borków",
    gminaName: "Gmina Borków",
    contactPerson: "Robert Krawczyk",
    phone: "+48 81 555 52 70",
    email: "razem@spoldzielnia-razem.example",
    description: "Usługi „złotej rączki”, transport osób z niepełnosprawnościami, drobne naprawy w domu.",
  },
  {
    name: "Centrum Integracji Społecznej w Borkowie",
    legalForm: "social_economy_other",
    subtype: "CIS",
    nipBase: "712318888",
    regonBase: "06123456",
    street: "ul. Kolejowa 3",
    city: "Borków",
    gminaName: "Gmina Borków",
    contactPerson: "Agnieszka Pawlak",
    phone: "+48 81 555 61 30",
    email: "cis@borkow.example",
    description: "Reintegracja społeczna i zawodowa: warsztaty, doradztwo zawodowe, praktyki.",
  },
  {
    name: "Warsztat Terapii Zajęciowej „Słoneczko”",
    legalForm: "social_economy_other",
    subtype: "WTZ",
    nipBase: "712320011",
    regonBase: "06177788",
    street: "ul. Słoneczna 7",
    city: "Lipnica Mała",
    gminaName: "Gmina Lipnica Mała",
    contactPerson: "Krzysztof Michalski",
    phone: "+48 81 555 72 44",
    email: "wtz@sloneczko.example",
    description: "Terapia zajęciowa dla dorosłych osób z niepełnosprawnościami.",
  },
  {
    name: "Rehabilitacja Plus sp. z o.o.",
    legalForm: "company",
    nipBase: "946265000",
    regonBase: "38567890",
    krs: "0000845123",
    street: "al. Zdrowia 21",
    city: "Borków",
    gminaName: "Gmina Borków",
    contactPerson: "Piotr Grabowski",
    phone: "+48 81 555 80 80",
    email: "recepcja@rehaplus.example",
    website: "https://rehaplus.example",
    description: "Fizjoterapia w gabinecie i w domu pacjenta.",
  },
  {
    name: "Usługi Opiekuńcze Jan Malinowski",
    legalForm: "sole_trader",
    nipBase: "712334567",
    regonBase: "38911223",
    street: "ul. Brzozowa 9",
    city: "Lipnica Mała",
    gminaName: "Gmina Lipnica Mała",
    contactPerson: "Jan Malinowski",
    phone: "+48 600 555 901",
    email: "jan.malinowski@opieka-malinowski.example",
    description: "Usługi opiekuńcze i asystencja osobista w miejscu zamieszkania.",
  },
  {
    name: "Dom Pomocy Społecznej w Lipnicy Małej",
    legalForm: "public_unit",
    subtype: "DPS",
    nipBase: "712290011",
    regonBase: "00069870",
    street: "ul. Parkowa 1",
    city: "Lipnica Mała",
    gminaName: "Gmina Lipnica Mała",
    contactPerson: "Elżbieta Wróbel",
    phone: "+48 81 555 90 10",
    email: "dps@lipnica.example",
    description: "Całodobowa opieka, pobyty krótkoterminowe i opieka wytchnieniowa.",
  },
  {
    name: "Środowiskowy Dom Samopomocy w Borkowie",
    legalForm: "public_unit",
    subtype: "ŚDS",
    nipBase: "712291234",
    regonBase: "36011122",
    street: "ul. Lipowa 14",
    city: "Borków",
    gminaName: "Gmina Borków",
    contactPerson: "Marta Adamczyk",
    phone: "+48 81 555 20 30",
    email: "sds@borkow.example",
    description: "Dzienne wsparcie dla osób z zaburzeniami psychicznymi: 25 miejsc.",
  },
  {
    name: "Gminny Ośrodek Kultury w Borkowie",
    legalForm: "public_unit",
    subtype: "GOK",
    nipBase: "712281010",
    regonBase: "00087654",
    street: "pl. Wolności 4",
    city: "Borków",
    gminaName: "Gmina Borków",
    contactPerson: "Łukasz Sikora",
    phone: "+48 81 555 11 44",
    email: "gok@borkow.example",
    description: "Zajęcia kulturalne, chór, koło gospodyń, kino dla seniorów.",
  },
  {
    name: "TeleOpieka Lubelska sp. z o.o.",
    legalForm: "company",
    nipBase: "946271111",
    regonBase: "38777001",
    krs: "0000912000",
    street: "ul. Technologiczna 3",
    city: "Lublin",
    gminaName: "Gmina Borków",
    contactPerson: "Dorota Kubiak",
    phone: "+48 81 555 99 00",
    email: "kontakt@teleopieka.example",
    description: "Teleopieka: opaski bezpieczeństwa i całodobowe centrum alarmowe.",
    status: "pending",
  },
];

type DemoResident = { first: string; last: string; birth: string; sex: "female" | "male"; gmina: 0 | 1; street: string; phone?: string; documentNumber?: string; language?: "uk" };

const residentList: DemoResident[] = [
  { first: "Stanisława", last: "Jabłońska", birth: "1944-03-12", sex: "female", gmina: 0, street: "ul. Kwiatowa 3", phone: "+48 501 200 301" },
  { first: "Henryk", last: "Kowalczyk", birth: "1939-11-02", sex: "male", gmina: 0, street: "ul. Lipowa 40", phone: "+48 501 200 302" },
  { first: "Zofia", last: "Szymańska", birth: "1951-06-25", sex: "female", gmina: 1, street: "ul. Leśna 8", phone: "+48 501 200 303" },
  { first: "Marian", last: "Woźniak", birth: "1948-01-17", sex: "male", gmina: 1, street: "ul. Szkolna 11", phone: "+48 501 200 304" },
  { first: "Teresa", last: "Kozłowska", birth: "1956-09-30", sex: "female", gmina: 0, street: "ul. Polna 2", phone: "+48 501 200 305" },
  { first: "Józef", last: "Jankowski", birth: "1942-04-08", sex: "male", gmina: 0, street: "ul. Ogrodowa 19", phone: "+48 501 200 306" },
  { first: "Krystyna", last: "Mazur", birth: "1960-12-14", sex: "female", gmina: 1, street: "ul. Słoneczna 4" },
  { first: "Kacper", last: "Krawczyk", birth: "2009-05-21", sex: "male", gmina: 0, street: "ul. Brzozowa 1", phone: "+48 501 200 308" },
  { first: "Julia", last: "Piotrowska", birth: "2012-08-03", sex: "female", gmina: 1, street: "ul. Parkowa 6" },
  { first: "Tadeusz", last: "Grabowski", birth: "1949-02-27", sex: "male", gmina: 0, street: "ul. Kolejowa 12", phone: "+48 501 200 310" },
  { first: "Halina", last: "Nowakowska", birth: "1953-07-19", sex: "female", gmina: 0, street: "pl. Wolności 7" },
  { first: "Wiesław", last: "Pawłowski", birth: "1958-10-05", sex: "male", gmina: 1, street: "ul. Leśna 21", phone: "+48 501 200 312" },
  { first: "Danuta", last: "Michalska", birth: "1946-03-29", sex: "female", gmina: 1, street: "ul. Kościelna 2", phone: "+48 501 200 313" },
  { first: "Oliwia", last: "Zając", birth: "1988-11-11", sex: "female", gmina: 0, street: "ul. Wiejska 15", phone: "+48 501 200 314" },
  { first: "Mateusz", last: "Król", birth: "1979-01-23", sex: "male", gmina: 0, street: "ul. Łąkowa 9" },
  { first: "Irena", last: "Wieczorek", birth: "1950-05-16", sex: "female", gmina: 1, street: "ul. Ogrodowa 30", phone: "+48 501 200 316" },
  { first: "Ryszard", last: "Jaworski", birth: "1944-08-09", sex: "male", gmina: 1, street: "ul. Polna 44" },
  { first: "Bożena", last: "Wróblewska", birth: "1962-02-02", sex: "female", gmina: 0, street: "ul. Lipowa 1", phone: "+48 501 200 318" },
  { first: "Zbigniew", last: "Ostrowski", birth: "1955-12-24", sex: "male", gmina: 0, street: "ul. Zielona 5", phone: "+48 501 200 319" },
  { first: "Łucja", last: "Żak", birth: "2015-04-17", sex: "female", gmina: 1, street: "ul. Szkolna 3" },
  { first: "Jan", last: "Kozłowski", birth: "1953-04-02", sex: "male", gmina: 0, street: "ul. Polna 2" },
  { first: "Olena", last: "Kovalenko", birth: "1979-06-14", sex: "female", gmina: 0, street: "ul. Ogrodowa 8", phone: "+48 501 200 322", documentNumber: "FA1234567", language: "uk" },
];

function providerId(name: string) {
  return stableId(`provider:${name}`);
}

export async function seedDemo(db: Database): Promise<{ users: number; providers: number; residents: number; offers: number }> {
  if (process.env.NODE_ENV === "production") throw new Error("The demo seed is refused in production.");

  await db.insert(centres).values(centre).onConflictDoNothing();
  await db
    .insert(centreGminas)
    .values(gminas.map((g) => ({ id: stableId(`gmina:${g.terytCode}`), cusId: DEMO_CENTRE_ID, ...g })))
    .onConflictDoNothing();

  await db
    .insert(providerOrganisations)
    .values(
      providers.map((p, i) => ({
        id: providerId(p.name),
        name: p.name,
        legalForm: p.legalForm,
        subtype: p.subtype ?? null,
        // Some 9-digit prefixes have no valid check digit; step to the next one that does.
        nip: completeNip(p.nipBase) ?? completeNip(String(Number(p.nipBase) + 1))!,
        regon: completeRegon9(p.regonBase),
        krs: p.krs ?? null,
        street: p.street,
        postalCode: i % 2 === 0 ? "21-040" : "21-045",
        city: p.city,
        gminaName: p.gminaName,
        contactPerson: p.contactPerson,
        phone: p.phone,
        email: p.email,
        website: p.website ?? null,
        description: p.description,
      })),
    )
    .onConflictDoNothing();
  await db
    .insert(centreProviders)
    .values(providers.map((p) => ({ cusId: DEMO_CENTRE_ID, providerId: providerId(p.name), status: p.status ?? "verified" })))
    .onConflictDoNothing();

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const people = new Map(demoAccounts.map((a) => [a.email, a]));
  await db
    .insert(users)
    .values([...people].map(([email, a]) => ({ id: stableId(`user:${email}`), email, name: a.name, passwordHash, locale: a.locale ?? "pl" })))
    .onConflictDoNothing();
  await db
    .insert(memberships)
    .values(
      demoAccounts.map((a) => {
        const inProvider = a.organisation !== "centre";
        return {
          id: stableId(`membership:${a.email}:${a.role}:${a.organisation}`),
          userId: stableId(`user:${a.email}`),
          role: a.role,
          cusId: inProvider ? null : DEMO_CENTRE_ID,
          providerId: inProvider ? providerId(a.organisation) : null,
        };
      }),
    )
    .onConflictDoNothing();

  const residentAccounts = new Map(demoAccounts.filter((a) => a.role === "resident").map((a) => [a.name, a.email]));
  await db
    .insert(residents)
    .values(
      residentList.map((r, i) => {
        const gmina = gminas[r.gmina]!;
        const accountEmail = residentAccounts.get(`${r.first} ${r.last}`);
        return {
          id: stableId(`resident:${r.first}:${r.last}:${r.birth}`),
          cusId: DEMO_CENTRE_ID,
          userId: accountEmail ? stableId(`user:${accountEmail}`) : null,
          firstName: r.first,
          lastName: r.last,
          pesel: r.documentNumber ? null : makePesel(r.birth, 100 + i * 37, r.sex),
          documentNumber: r.documentNumber ?? null,
          birthDate: r.birth,
          street: r.street,
          postalCode: r.gmina === 0 ? "21-040" : "21-045",
          city: r.gmina === 0 ? "Borków" : "Lipnica Mała",
          gminaName: gmina.name,
          phone: r.phone ?? null,
          email: accountEmail ?? null,
          preferredLanguage: r.language ?? "pl",
        };
      }),
    )
    .onConflictDoNothing();

  const offerCount = await seedServiceBase(db, {
    centreId: DEMO_CENTRE_ID,
    providerId,
    stableId,
    organiserUserId: stableId(`user:${demoAccounts.find((a) => a.role === "organizer")!.email}`),
  });
  await seedAvailability(db, { centreId: DEMO_CENTRE_ID, providerId, stableId });
  await seedPlans(db, {
    centreId: DEMO_CENTRE_ID,
    providerId,
    stableId,
    coordinatorUserId: stableId(`user:${demoAccounts.find((a) => a.role === "coordinator")!.email}`),
    directorUserId: stableId(`user:${demoAccounts.find((a) => a.role === "director")!.email}`),
  });

  await seedBilling(db, {
    centreId: DEMO_CENTRE_ID,
    providerId,
    stableId,
    financeUserId: stableId(`user:${demoAccounts.find((a) => a.role === "finance")!.email}`),
  });
  await seedSettlements(db, {
    centreId: DEMO_CENTRE_ID,
    providerId,
    organiserUserId: stableId(`user:${demoAccounts.find((a) => a.role === "organizer")!.email}`),
    financeUserId: stableId(`user:${demoAccounts.find((a) => a.role === "finance")!.email}`),
    directorUserId: stableId(`user:${demoAccounts.find((a) => a.role === "director")!.email}`),
  });

  return { users: people.size, providers: providers.length, residents: residentList.length, offers: offerCount };
}
