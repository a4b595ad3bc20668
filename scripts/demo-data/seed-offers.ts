/**
 * Demo service base: places, 30+ published offers across most statutory areas, a few waiting for review,
 * the centre's supporting activities, and the programme (PUS) with its packages. Idempotent like seed.ts.
 */
import { eq } from "drizzle-orm";
import { normaliseSearchText } from "../../app/modules/kernel/search-text";
import type { Database } from "../../db/client";
import { locations, offerRevisions, offers, packageOffers, programmes, servicePackages } from "../../db/schema";
import type { FeeLabel, OfferUnit } from "../../db/schema/directory";

type Place = { key: string; provider: string | null; name: string; street: string; city: string; gmina: "Gmina Borków" | "Gmina Lipnica Mała"; accessibility: string[] };
export type DemoOffer = {
  provider: string | null;
  name: string;
  area: number;
  category: string;
  description: string;
  targets: string[];
  modes: string[];
  group?: "group";
  unit: OfferUnit;
  minutes?: number;
  priceZl: number;
  fee: FeeLabel;
  limit?: [number, number];
  places?: string[];
  packages?: string[];
  state?: "submitted" | "draft";
  languages?: string[];
};

export const places: Place[] = [
  { key: "fundacja", provider: "Fundacja Pomocna Dłoń", name: "Biuro Fundacji Pomocna Dłoń", street: "ul. Ogrodowa 5", city: "Borków", gmina: "Gmina Borków", accessibility: ["step_free", "wheelchair_toilet"] },
  { key: "klub", provider: "Stowarzyszenie Aktywni Seniorzy", name: "Klub Seniora „Pod Lipami”", street: "ul. Szkolna 2", city: "Lipnica Mała", gmina: "Gmina Lipnica Mała", accessibility: ["step_free", "parking"] },
  { key: "reha", provider: "Rehabilitacja Plus sp. z o.o.", name: "Gabinet Rehabilitacja Plus", street: "al. Zdrowia 21", city: "Borków", gmina: "Gmina Borków", accessibility: ["step_free", "lift", "wheelchair_toilet", "parking"] },
  { key: "cis", provider: "Centrum Integracji Społecznej w Borkowie", name: "CIS – sala warsztatowa", street: "ul. Kolejowa 3", city: "Borków", gmina: "Gmina Borków", accessibility: [] },
  { key: "wtz", provider: "Warsztat Terapii Zajęciowej „Słoneczko”", name: "WTZ „Słoneczko”", street: "ul. Słoneczna 7", city: "Lipnica Mała", gmina: "Gmina Lipnica Mała", accessibility: ["step_free", "wheelchair_toilet"] },
  { key: "dps", provider: "Dom Pomocy Społecznej w Lipnicy Małej", name: "DPS Lipnica Mała", street: "ul. Parkowa 1", city: "Lipnica Mała", gmina: "Gmina Lipnica Mała", accessibility: ["step_free", "lift", "wheelchair_toilet", "parking"] },
  { key: "sds", provider: "Środowiskowy Dom Samopomocy w Borkowie", name: "ŚDS Borków", street: "ul. Lipowa 14", city: "Borków", gmina: "Gmina Borków", accessibility: ["step_free", "wheelchair_toilet"] },
  { key: "gok", provider: "Gminny Ośrodek Kultury w Borkowie", name: "GOK Borków – sala widowiskowa", street: "pl. Wolności 4", city: "Borków", gmina: "Gmina Borków", accessibility: ["step_free", "hearing_loop"] },
  { key: "cus", provider: null, name: "MCUS Borków – sala spotkań", street: "ul. Lipowa 12", city: "Borków", gmina: "Gmina Borków", accessibility: ["step_free", "wheelchair_toilet", "hearing_loop"] },
];

const F = "Fundacja Pomocna Dłoń";
const S = "Stowarzyszenie Aktywni Seniorzy";
const R = "Spółdzielnia Socjalna Razem";
const C = "Centrum Integracji Społecznej w Borkowie";
const W = "Warsztat Terapii Zajęciowej „Słoneczko”";
const P = "Rehabilitacja Plus sp. z o.o.";
const M = "Usługi Opiekuńcze Jan Malinowski";
const D = "Dom Pomocy Społecznej w Lipnicy Małej";
const H = "Środowiskowy Dom Samopomocy w Borkowie";
const G = "Gminny Ośrodek Kultury w Borkowie";
const T = "TeleOpieka Lubelska sp. z o.o.";

export const demoOffers: DemoOffer[] = [
  { provider: F, name: "Usługi opiekuńcze w domu", area: 4, category: "Opieka", description: "Pomoc w codziennych czynnościach: zakupy, przygotowanie posiłku, higiena, towarzyszenie. Opiekunka przychodzi do domu mieszkańca.", targets: ["seniors", "disabled"], modes: ["home"], unit: "hour", minutes: 60, priceZl: 45, fee: "partly_paid", packages: ["Pakiet Senior"] },
  { provider: F, name: "Opieka wytchnieniowa dla opiekunów", area: 6, category: "Opieka wytchnieniowa", description: "Zastępstwo w opiece nad osobą z niepełnosprawnością, aby opiekun mógł odpocząć lub załatwić sprawy. Program „Opieka wytchnieniowa”.", targets: ["carers", "disabled"], modes: ["home"], unit: "hour", minutes: 120, priceZl: 50, fee: "free", limit: [240, 12], packages: ["Pakiet Wsparcie"] },
  { provider: F, name: "Wsparcie psychologiczne dla dorosłych", area: 5, category: "Psycholog", description: "Indywidualne konsultacje z psychologiem: kryzys, żałoba, przeciążenie opieką. Spotkania w gabinecie lub online.", targets: ["adults", "carers"], modes: ["place", "online"], unit: "session", minutes: 50, priceZl: 150, fee: "free", limit: [15, 6], places: ["fundacja"], packages: ["Pakiet Wsparcie"], languages: ["pl", "uk"] },
  { provider: F, name: "Poradnictwo psychologiczne dla rodzin z dziećmi", area: 2, category: "Psycholog", description: "Konsultacje dla rodziców i dzieci: trudności wychowawcze, kryzysy rodzinne, wsparcie w sytuacji rozwodu.", targets: ["families", "children"], modes: ["place"], unit: "session", minutes: 60, priceZl: 150, fee: "free", limit: [10, 6], places: ["fundacja"], packages: ["Pakiet Rodzina"] },
  { provider: F, name: "Asystent rodziny – wsparcie w domu", area: 2, category: "Asystentura", description: "Asystent pomaga rodzinie w organizacji dnia, sprawach urzędowych i opiece nad dziećmi.", targets: ["families"], modes: ["home"], unit: "hour", minutes: 60, priceZl: 55, fee: "free", packages: ["Pakiet Rodzina"] },
  { provider: F, name: "Poradnictwo prawne", area: 4, category: "Porady prawne", description: "Bezpłatne porady prawnika: sprawy mieszkaniowe, spadkowe, alimentacyjne, długi.", targets: ["everyone"], modes: ["place", "online"], unit: "session", minutes: 45, priceZl: 120, fee: "free", limit: [4, 12], places: ["fundacja"] },
  { provider: S, name: "Klub seniora – zajęcia ruchowe", area: 10, category: "Aktywność fizyczna", description: "Gimnastyka i nordic walking dla seniorów dwa razy w tygodniu, z instruktorem.", targets: ["seniors"], modes: ["place"], group: "group", unit: "session", minutes: 60, priceZl: 20, fee: "free", places: ["klub"], packages: ["Pakiet Senior", "Pakiet Aktywność"] },
  { provider: S, name: "Warsztaty cyfrowe dla seniorów", area: 7, category: "Edukacja", description: "Nauka obsługi smartfona, poczty, bankowości internetowej i e-recepty w małych grupach.", targets: ["seniors"], modes: ["place"], group: "group", unit: "session", minutes: 90, priceZl: 30, fee: "free", places: ["klub"], packages: ["Pakiet Senior", "Pakiet Aktywność"] },
  { provider: S, name: "Wolontariat „Dobry sąsiad”", area: 11, category: "Wolontariat", description: "Wolontariusze odwiedzają osoby samotne, pomagają w drobnych sprawunkach i rozmawiają.", targets: ["seniors"], modes: ["home"], unit: "visit", minutes: 60, priceZl: 0, fee: "free", packages: ["Pakiet Senior"] },
  { provider: R, name: "Usługi „złotej rączki”", area: 4, category: "Pomoc w domu", description: "Drobne naprawy w domu: wymiana żarówki, uszczelki, naprawa kranu, montaż uchwytów i poręczy.", targets: ["seniors", "disabled"], modes: ["home"], unit: "visit", minutes: 90, priceZl: 80, fee: "partly_paid", limit: [1, 36], packages: ["Pakiet Senior"] },
  { provider: R, name: "Transport osób z niepełnosprawnościami", area: 6, category: "Transport", description: "Przejazd do lekarza, urzędu lub na rehabilitację busem przystosowanym do wózka.", targets: ["disabled", "seniors"], modes: ["home"], unit: "ride", minutes: 60, priceZl: 40, fee: "partly_paid", limit: [6, 1], packages: ["Pakiet Senior", "Pakiet Wsparcie"] },
  { provider: R, name: "Sprzątanie i porządki po remoncie", area: 12, category: "Mieszkalnictwo", description: "Jednorazowe porządki w mieszkaniu osoby starszej lub z niepełnosprawnością.", targets: ["seniors", "disabled"], modes: ["home"], unit: "one_off", minutes: 240, priceZl: 200, fee: "paid" },
  { provider: C, name: "Reintegracja zawodowa – warsztaty CIS", area: 14, category: "Reintegracja", description: "Warsztaty zawodowe (ogrodnictwo, gastronomia, remonty) z wsparciem psychologa i doradcy.", targets: ["unemployed", "adults"], modes: ["place"], group: "group", unit: "day", minutes: 360, priceZl: 90, fee: "free", places: ["cis"], packages: ["Pakiet Aktywność"] },
  { provider: C, name: "Doradztwo zawodowe", area: 8, category: "Praca", description: "Indywidualne spotkania z doradcą: CV, przygotowanie do rozmowy, szukanie ofert pracy.", targets: ["unemployed"], modes: ["place", "online"], unit: "session", minutes: 60, priceZl: 100, fee: "free", limit: [6, 6], places: ["cis"], languages: ["pl", "uk"] },
  { provider: C, name: "Klub pracy", area: 8, category: "Praca", description: "Grupowe zajęcia aktywizujące dla osób długotrwale bezrobotnych.", targets: ["unemployed"], modes: ["place"], group: "group", unit: "session", minutes: 120, priceZl: 40, fee: "free", places: ["cis"] },
  { provider: W, name: "Terapia zajęciowa dla dorosłych", area: 6, category: "Terapia zajęciowa", description: "Pracownie: ceramiczna, stolarska, kulinarna i komputerowa dla dorosłych z niepełnosprawnościami.", targets: ["disabled"], modes: ["place"], group: "group", unit: "day", minutes: 420, priceZl: 120, fee: "free", places: ["wtz"], packages: ["Pakiet Wsparcie"] },
  { provider: W, name: "Trening umiejętności społecznych", area: 14, category: "Reintegracja", description: "Zajęcia grupowe: komunikacja, załatwianie spraw w urzędzie, samodzielne zakupy.", targets: ["disabled", "youth"], modes: ["place"], group: "group", unit: "session", minutes: 90, priceZl: 60, fee: "free", places: ["wtz"] },
  { provider: P, name: "Fizjoterapia w gabinecie", area: 5, category: "Rehabilitacja", description: "Rehabilitacja ruchowa po urazach i udarach, terapia manualna, ćwiczenia indywidualne.", targets: ["seniors", "disabled", "adults"], modes: ["place"], unit: "session", minutes: 45, priceZl: 130, fee: "partly_paid", limit: [10, 3], places: ["reha"], packages: ["Pakiet Senior"] },
  { provider: P, name: "Fizjoterapia domowa", area: 5, category: "Rehabilitacja", description: "Fizjoterapeuta przyjeżdża do domu osoby, która nie może dojechać do gabinetu.", targets: ["seniors", "disabled"], modes: ["home"], unit: "visit", minutes: 60, priceZl: 170, fee: "partly_paid", limit: [10, 3], packages: ["Pakiet Senior", "Pakiet Wsparcie"] },
  { provider: P, name: "Masaż leczniczy", area: 5, category: "Rehabilitacja", description: "Masaż klasyczny i limfatyczny zlecony przez lekarza.", targets: ["adults", "seniors"], modes: ["place"], unit: "session", minutes: 30, priceZl: 90, fee: "paid", places: ["reha"] },
  { provider: M, name: "Asystencja osobista", area: 6, category: "Asystencja", description: "Asystent wspiera osobę z niepełnosprawnością w pracy, nauce, zakupach i kontaktach społecznych. Program „Asystencja osobista”.", targets: ["disabled"], modes: ["home"], unit: "hour", minutes: 60, priceZl: 50, fee: "free", limit: [720, 12], packages: ["Pakiet Wsparcie"] },
  { provider: M, name: "Specjalistyczne usługi opiekuńcze", area: 4, category: "Opieka", description: "Usługi opiekuńcze dla osób z zaburzeniami psychicznymi, dostosowane do szczególnych potrzeb.", targets: ["disabled", "adults"], modes: ["home"], unit: "hour", minutes: 60, priceZl: 60, fee: "partly_paid" },
  { provider: D, name: "Pobyt krótkoterminowy (wytchnieniowy)", area: 4, category: "Opieka wytchnieniowa", description: "Całodobowy pobyt do 14 dni dla osoby wymagającej opieki, gdy opiekun potrzebuje przerwy.", targets: ["seniors", "carers"], modes: ["place"], unit: "day", minutes: 1440, priceZl: 180, fee: "partly_paid", limit: [14, 12], places: ["dps"], packages: ["Pakiet Wsparcie"] },
  { provider: D, name: "Dzienny pobyt dla seniorów", area: 4, category: "Dzienny pobyt", description: "Opieka dzienna z posiłkiem, zajęciami i opieką pielęgniarską w dni robocze.", targets: ["seniors"], modes: ["place"], group: "group", unit: "day", minutes: 480, priceZl: 95, fee: "partly_paid", places: ["dps"], packages: ["Pakiet Senior"] },
  { provider: H, name: "Wsparcie dzienne ŚDS", area: 6, category: "Wsparcie dzienne", description: "Zajęcia terapeutyczne i treningi samodzielności dla osób z zaburzeniami psychicznymi; 25 miejsc.", targets: ["disabled", "adults"], modes: ["place"], group: "group", unit: "day", minutes: 360, priceZl: 110, fee: "free", places: ["sds"] },
  { provider: H, name: "Grupa wsparcia dla rodzin osób chorujących psychicznie", area: 2, category: "Grupa wsparcia", description: "Spotkania raz w miesiącu z psychologiem dla rodzin i opiekunów.", targets: ["families", "carers"], modes: ["place"], group: "group", unit: "session", minutes: 90, priceZl: 0, fee: "free", places: ["sds"], packages: ["Pakiet Rodzina"] },
  { provider: G, name: "Chór i koło gospodyń", area: 9, category: "Kultura", description: "Próby chóru i spotkania koła gospodyń w Gminnym Ośrodku Kultury.", targets: ["seniors", "adults"], modes: ["place"], group: "group", unit: "session", minutes: 120, priceZl: 0, fee: "free", places: ["gok"], packages: ["Pakiet Aktywność"] },
  { provider: G, name: "Kino dla seniorów", area: 9, category: "Kultura", description: "Seans filmowy raz w miesiącu z napisami i pętlą indukcyjną.", targets: ["seniors"], modes: ["place"], group: "group", unit: "session", minutes: 150, priceZl: 10, fee: "free", places: ["gok"], packages: ["Pakiet Senior", "Pakiet Aktywność"] },
  { provider: G, name: "Zajęcia plastyczne dla dzieci", area: 9, category: "Kultura", description: "Popołudniowe zajęcia plastyczne i teatralne dla dzieci 6–12 lat.", targets: ["children"], modes: ["place"], group: "group", unit: "session", minutes: 90, priceZl: 15, fee: "free", places: ["gok"], packages: ["Pakiet Rodzina"] },
  { provider: G, name: "Warsztaty ekologiczne „Czysta gmina”", area: 13, category: "Ekologia", description: "Warsztaty o segregacji odpadów, kompostowaniu i oszczędzaniu energii dla rodzin.", targets: ["families", "everyone"], modes: ["place"], group: "group", unit: "session", minutes: 90, priceZl: 0, fee: "free", places: ["gok"] },
  { provider: T, name: "Teleopieka – opaska bezpieczeństwa", area: 5, category: "Teleopieka", description: "Opaska z przyciskiem SOS i czujnikiem upadku, połączona z całodobowym centrum alarmowym.", targets: ["seniors"], modes: ["home"], unit: "month", priceZl: 35, fee: "partly_paid", state: "draft" },
  { provider: null, name: "Spotkania grupy samopomocowej dla opiekunów", area: 11, category: "Działania wspierające", description: "Spotkania opiekunów osób zależnych prowadzone przez organizatora społeczności lokalnej. Bezpłatne.", targets: ["carers"], modes: ["place"], group: "group", unit: "session", minutes: 90, priceZl: 0, fee: "free", places: ["cus"], packages: ["Pakiet Wsparcie"] },
  { provider: null, name: "Sąsiedzkie spacery", area: 11, category: "Działania wspierające", description: "Cotygodniowe spacery z wolontariuszami dla osób samotnych – integracja i ruch.", targets: ["seniors", "everyone"], modes: ["place"], group: "group", unit: "session", minutes: 60, priceZl: 0, fee: "free", places: ["cus"], packages: ["Pakiet Aktywność"] },
  { provider: S, name: "Gimnastyka w wodzie dla seniorów", area: 10, category: "Aktywność fizyczna", description: "Zajęcia na basenie z instruktorem, dojazd busem organizowany przez stowarzyszenie.", targets: ["seniors"], modes: ["place"], group: "group", unit: "session", minutes: 60, priceZl: 25, fee: "partly_paid", places: ["klub"], state: "submitted" },
];

export const demoPackages = [
  { name: "Pakiet Senior", description: "Usługi, dzięki którym osoby starsze mogą dłużej mieszkać samodzielnie we własnym domu." },
  { name: "Pakiet Rodzina", description: "Wsparcie rodzin z dziećmi: psycholog, asystent rodziny, zajęcia dla dzieci." },
  { name: "Pakiet Wsparcie", description: "Dla osób z niepełnosprawnościami i ich opiekunów, w tym opieka wytchnieniowa." },
  { name: "Pakiet Aktywność", description: "Aktywność fizyczna, kulturalna i zawodowa mieszkańców." },
];

export async function seedServiceBase(
  db: Database,
  ids: { centreId: string; providerId: (name: string) => string; stableId: (name: string) => string; organiserUserId: string },
): Promise<number> {
  await db
    .insert(locations)
    .values(
      places.map((p) => ({
        id: ids.stableId(`place:${p.key}`),
        providerId: p.provider ? ids.providerId(p.provider) : null,
        cusId: p.provider ? null : ids.centreId,
        name: p.name,
        street: p.street,
        postalCode: p.gmina === "Gmina Borków" ? "21-040" : "21-045",
        city: p.city,
        gminaName: p.gmina,
        accessibility: p.accessibility,
      })),
    )
    .onConflictDoNothing();

  const programmeId = ids.stableId("programme");
  await db
    .insert(programmes)
    .values({ id: programmeId, cusId: ids.centreId, title: "Program usług społecznych Gmin Borków i Lipnica Mała na lata 2026–2028", resolutionNumber: "XXIV/187/2025", resolutionDate: "2025-11-27", validFrom: "2026-01-01", validTo: "2028-12-31" })
    .onConflictDoNothing();
  await db
    .insert(servicePackages)
    .values(demoPackages.map((p) => ({ id: ids.stableId(`package:${p.name}`), cusId: ids.centreId, programmeId, name: p.name, description: p.description })))
    .onConflictDoNothing();

  const reviewedAt = new Date("2026-10-01T09:00:00Z");
  for (const o of demoOffers) {
    const offerId = ids.stableId(`offer:${o.name}`);
    const revisionId = ids.stableId(`revision:${o.name}:1`);
    const published = !o.state;
    const [inserted] = await db
      .insert(offers)
      .values({ id: offerId, cusId: ids.centreId, providerId: o.provider ? ids.providerId(o.provider) : null })
      .onConflictDoNothing()
      .returning({ id: offers.id });
    if (!inserted) continue;
    await db.insert(offerRevisions).values({
      id: revisionId,
      offerId,
      number: 1,
      status: o.state ?? "published",
      name: o.name,
      description: o.description,
      area: o.area,
      category: o.category,
      targetGroups: o.targets,
      eligibility: o.targets.includes("seniors") ? "Mieszkańcy gmin Borków i Lipnica Mała w wieku 60+" : "Mieszkańcy gmin Borków i Lipnica Mała",
      howToApply: "Zgłoś się do koordynatora w MCUS Borków (tel. 81 555 20 10) – centrum umówi termin.",
      deliveryModes: o.modes,
      groupMode: o.group ?? "individual",
      languages: o.languages ?? ["pl"],
      unit: o.unit,
      typicalDurationMinutes: o.minutes ?? null,
      limitUnits: o.limit?.[0] ?? null,
      limitPeriodMonths: o.limit?.[1] ?? null,
      priceGrosze: o.priceZl * 100,
      feeLabel: o.fee,
      isSupportingActivity: o.provider === null,
      locationIds: (o.places ?? []).map((k) => ids.stableId(`place:${k}`)),
      searchText: normaliseSearchText([o.name, o.category, o.description, o.provider ?? ""].join(" ")),
      createdBy: ids.organiserUserId,
      submittedAt: o.state === "draft" ? null : reviewedAt,
      reviewedAt: published ? reviewedAt : null,
      reviewedBy: published ? ids.organiserUserId : null,
    });
    await db
      .update(offers)
      .set(published ? { publishedRevisionId: revisionId } : { workingRevisionId: revisionId })
      .where(eqId(offerId));
    if (o.packages?.length) {
      await db
        .insert(packageOffers)
        .values(o.packages.map((name) => ({ packageId: ids.stableId(`package:${name}`), offerId })))
        .onConflictDoNothing();
    }
  }
  return demoOffers.length;
}

function eqId(id: string) {
  return eq(offers.id, id);
}
