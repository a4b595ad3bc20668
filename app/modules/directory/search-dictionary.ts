import { normaliseSearchText, searchTerms } from "~/modules/kernel/search-text";

/*
 * Offers are described in Polish; residents search in Polish, English or Ukrainian. This is the portal's own,
 * maintained dictionary of the statutory areas and the words people use for services: each entry gives the
 * Polish word searched for (as a provider would write it) and the English and Ukrainian words that mean it.
 * Words are folded like everything searched (lower case, no diacritics; Cyrillic stays Cyrillic), and a word
 * matches an entry when it starts with one of the entry's forms ("psychologist", "psychological" → "psycholog"),
 * so inflected Ukrainian forms match their stem ("психолога" → "психолог"). Add a line when a search that
 * people make finds nothing; tests/unit/search-dictionary.test.ts checks every Polish word finds a demo offer.
 */
type Entry = { pl: string; en: string[]; uk: string[] };

const entries: Entry[] = [
  { pl: "psycholog", en: ["psycholog", "counsel", "therap", "mental health"], uk: ["психолог", "психотерап", "консультац"] },
  { pl: "opiek", en: ["home care", "care", "carer", "caregiv", "looking after"], uk: ["догляд вдома", "догляд", "опік", "доглядальн"] },
  { pl: "opieka wytchnieniowa", en: ["respite"], uk: ["перепочин", "відпочинок для опікун"] },
  { pl: "złota rączka", en: ["handyman", "handy man", "repair", "fix"], uk: ["дрібний ремонт", "ремонт", "майстер"] },
  { pl: "sprząt", en: ["clean"], uk: ["прибиран"] },
  { pl: "transport", en: ["transport", "ride", "driv", "taxi"], uk: ["транспорт", "перевезен", "поїздк"] },
  { pl: "fizjoterap", en: ["physio", "physiotherap", "rehab"], uk: ["фізіотерап", "реабілітац"] },
  { pl: "masaż", en: ["massage"], uk: ["масаж"] },
  { pl: "asystent", en: ["assistan", "personal assistan", "helper"], uk: ["асистент", "помічник"] },
  { pl: "rodzin", en: ["family", "families", "parent"], uk: ["сім", "родин", "батьк"] },
  { pl: "dziec", en: ["child", "kid"], uk: ["діт", "дитин"] },
  { pl: "senior", en: ["senior", "elderly", "older people", "old age"], uk: ["літн", "пенсіонер", "сеньйор"] },
  { pl: "niepełnospraw", en: ["disab", "handicap"], uk: ["інвалідн", "з інвалідністю", "обмежен"] },
  { pl: "prawn", en: ["legal", "lawyer", "law"], uk: ["юрид", "правов", "юрист"] },
  { pl: "praca", en: ["job", "work", "employ", "career"], uk: ["робот", "праце", "кар'єр"] },
  { pl: "doradztwo zawodowe", en: ["career advice", "career counsel"], uk: ["профорієнтац"] },
  { pl: "reintegracja", en: ["reintegrat", "social integrat"], uk: ["реінтеграц", "інтеграц"] },
  { pl: "terapia zajęciowa", en: ["occupational therap"], uk: ["трудотерап", "ерготерап"] },
  { pl: "wolontariat", en: ["volunteer"], uk: ["волонтер"] },
  { pl: "kultur", en: ["culture", "cultural", "art"], uk: ["культур", "мистецтв"] },
  { pl: "kino", en: ["cinema", "film", "movie"], uk: ["кіно", "фільм"] },
  { pl: "chór", en: ["choir", "sing"], uk: ["хор", "спів"] },
  { pl: "plastyczne", en: ["drawing", "painting", "crafts"], uk: ["малюван", "образотвор"] },
  { pl: "ruch", en: ["exercise", "fitness", "gymnastic", "sport"], uk: ["фізкультур", "вправ", "спорт", "гімнаст"] },
  { pl: "cyfrow", en: ["digital", "computer", "internet", "smartphone"], uk: ["цифров", "комп'ютер", "інтернет", "смартфон"] },
  { pl: "edukac", en: ["educat", "course", "lesson", "class"], uk: ["освіт", "курс", "урок", "навчан"] },
  { pl: "język polski", en: ["polish language", "polish lesson"], uk: ["польськ"] },
  { pl: "mieszka", en: ["housing", "home", "flat", "apartment"], uk: ["житл", "помешкан", "квартир"] },
  { pl: "dzienny pobyt", en: ["day care", "day centre", "day center"], uk: ["денний", "денного перебуван"] },
  { pl: "pobyt krótkoterminowy", en: ["short stay", "short-term stay"], uk: ["короткострок"] },
  { pl: "grupa wsparcia", en: ["support group"], uk: ["група підтримки"] },
  { pl: "wsparcie", en: ["support", "help"], uk: ["підтримк", "допомог"] },
  { pl: "zdrowi", en: ["health"], uk: ["здоров"] },
  { pl: "psychiczn", en: ["mental", "psychiatr"], uk: ["психічн", "психіатр"] },
  { pl: "uzależni", en: ["addict", "alcohol", "drug"], uk: ["залежн", "алкогол", "наркот"] },
  { pl: "przemoc", en: ["violence", "abuse"], uk: ["насильств"] },
  { pl: "posił", en: ["meal", "food", "lunch", "dinner"], uk: ["харчуван", "їжа", "обід"] },
  { pl: "teleopiek", en: ["alarm", "telecare", "emergency button"], uk: ["телеопік", "тривожна кнопк"] },
  { pl: "aktywność obywatelska", en: ["civic", "community"], uk: ["громадськ"] },
  { pl: "piecza zastępcza", en: ["foster"], uk: ["прийомн", "опіка над дітьми"] },
  { pl: "środowisk", en: ["environment", "ecolog"], uk: ["довкілл", "екологі"] },
];

/** Each English or Ukrainian form, folded, with the Polish word it stands for; longest forms first. */
const forms = entries
  .flatMap((e) => [...e.en, ...e.uk].map((form) => ({ form: normaliseSearchText(form), pl: e.pl })))
  .sort((a, b) => b.form.length - a.form.length);

export type CatalogueSearch = {
  /**
   * What each offer must contain: one group per word or phrase typed, each group a list of alternatives
   * (the Polish word it was read as, or the word as typed), each alternative terms that must all appear.
   */
  groups: string[][][];
  /** The Polish words the query was read as, when some of it was English or Ukrainian. */
  readAs: string[];
  /** Cyrillic words the dictionary does not know: the page says offers are described in Polish. */
  unknown: string[];
};

/**
 * The catalogue's reading of what was typed: English and Ukrainian words and phrases are also searched as the
 * Polish words offers are written with; everything else as typed. A word is never dropped without saying so.
 */
export function readCatalogueQuery(query: string): CatalogueSearch {
  let rest = ` ${normaliseSearchText(query).replace(/[^\p{L}\p{N}']+/gu, " ")} `;
  const groups: string[][][] = [];
  const readAs: string[] = [];
  // Phrases first ("day care" before "care"); a form matches at the start of a word and takes the whole word.
  for (const { form, pl } of forms) {
    const at = rest.indexOf(` ${form}`);
    if (at < 0) continue;
    const end = rest.indexOf(" ", at + form.length + 1);
    const typed = rest.slice(at + 1, end);
    rest = `${rest.slice(0, at)} ${rest.slice(end)}`;
    groups.push([searchTerms(pl), searchTerms(typed)].filter((alternative) => alternative.length > 0));
    if (!readAs.includes(pl)) readAs.push(pl);
  }
  const left = rest.trim() ? rest.trim().split(" ") : [];
  const unknown = left.filter((w) => /\p{Script=Cyrillic}/u.test(w));
  for (const term of searchTerms(left.filter((w) => !unknown.includes(w)).join(" "))) groups.push([[term]]);
  return { groups: groups.slice(0, 8), readAs, unknown };
}

/** Polish words to suggest when a search finds nothing: a few of the dictionary's, as people type them. */
export const suggestedPolishWords = ["opieka", "psycholog", "transport", "rehabilitacja", "złota rączka", "asystent"];
