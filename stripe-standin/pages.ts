import type { StripeObject } from "./objects";

/*
 * The stand-in's hosted pages: a checkout page where a person pays by a 6-digit BLIK code, a Przelewy24 bank or
 * a test card, or goes back; and a Connect onboarding page. Plain, accessible HTML (labels, fieldsets, errors
 * tied to their fields), in Polish or English after the session's locale.
 */

export type CheckoutChoice = { method: "blik" | "p24" | "card"; blikCode: string; bank: string; cardNumber: string; cardExpiry: string; cardCvc: string };

const texts = {
  pl: {
    title: "Płatność",
    testMode: "Tryb testowy — lokalny zastępnik Stripe. Żadne pieniądze nie są pobierane.",
    payee: "Odbiorca",
    toPay: "Do zapłaty",
    method: "Sposób płatności",
    blik: "BLIK",
    blikCode: "Kod BLIK (6 cyfr)",
    blikHint: "Dowolne 6 cyfr zatwierdza płatność; 000000 — bank odrzuca.",
    p24: "Przelewy24",
    bank: "Twój bank",
    chooseBank: "Wybierz bank",
    banks: { pko: "PKO Bank Polski", pekao: "Bank Pekao", mbank: "mBank", santander: "Santander", pending: "Bank testowy (potwierdzenie po chwili)" },
    card: "Karta",
    cardNumber: "Numer karty",
    cardHint: "4242 4242 4242 4242 — płatność przechodzi; 4000 0000 0000 0002 — karta odrzucona.",
    expiry: "Ważna do (MM/RR)",
    cvc: "CVC",
    pay: "Zapłać",
    cancel: "Wróć bez płacenia",
    errors: {
      card_declined: "Karta została odrzucona. Nic nie zostało pobrane. Spróbuj innej karty albo innego sposobu płatności.",
      blik_declined: "Bank odrzucił kod BLIK. Nic nie zostało pobrane. Wygeneruj nowy kod i spróbuj ponownie.",
      blik_code: "Wpisz 6 cyfr kodu BLIK z aplikacji banku.",
      p24_bank: "Wybierz bank.",
      card_number: "Numer karty jest nieprawidłowy.",
      card_expiry: "Wpisz datę ważności w postaci MM/RR.",
      card_cvc: "Wpisz 3 cyfry kodu CVC.",
      expired: "Ta sesja płatności wygasła albo została już opłacona. Wróć do portalu.",
    },
    missing: "Nie ma takiej sesji płatności.",
    onboardTitle: "Konto do wypłat",
    onboardIntro: "Tryb testowy: potwierdź dane organizacji, aby przyjmować przelewy z centrum.",
    onboardSubmit: "Potwierdź dane i wróć do portalu",
  },
  en: {
    title: "Payment",
    testMode: "Test mode — the local Stripe stand-in. No money is taken.",
    payee: "Payee",
    toPay: "To pay",
    method: "Payment method",
    blik: "BLIK",
    blikCode: "BLIK code (6 digits)",
    blikHint: "Any 6 digits approve the payment; 000000 is declined by the bank.",
    p24: "Przelewy24",
    bank: "Your bank",
    chooseBank: "Choose a bank",
    banks: { pko: "PKO Bank Polski", pekao: "Bank Pekao", mbank: "mBank", santander: "Santander", pending: "Test bank (confirms after a moment)" },
    card: "Card",
    cardNumber: "Card number",
    cardHint: "4242 4242 4242 4242 succeeds; 4000 0000 0000 0002 is declined.",
    expiry: "Expiry (MM/YY)",
    cvc: "CVC",
    pay: "Pay",
    cancel: "Go back without paying",
    errors: {
      card_declined: "Your card was declined. Nothing was charged. Try another card or another way to pay.",
      blik_declined: "The bank rejected the BLIK code. Nothing was charged. Generate a new code and try again.",
      blik_code: "Enter the 6-digit BLIK code from your banking app.",
      p24_bank: "Choose a bank.",
      card_number: "The card number is not valid.",
      card_expiry: "Enter the expiry date as MM/YY.",
      card_cvc: "Enter the 3-digit CVC.",
      expired: "This payment session has expired or is already paid. Go back to the portal.",
    },
    missing: "There is no such payment session.",
    onboardTitle: "Payout account",
    onboardIntro: "Test mode: confirm the organisation's details to receive transfers from the centre.",
    onboardSubmit: "Confirm the details and go back to the portal",
  },
};

const escape = (value: unknown) =>
  String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const pln = (grosze: number, lang: "pl" | "en") => new Intl.NumberFormat(lang === "pl" ? "pl-PL" : "en-GB", { style: "currency", currency: "PLN" }).format(grosze / 100);

const style = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1a1a1a;font-size:1.05rem;line-height:1.5}
main{max-width:32rem;margin:0 auto;padding:1rem}
.box{background:#fff;border:1px solid #c9ccd1;border-radius:.5rem;padding:1rem 1.25rem;margin-bottom:1rem}
.test{background:#fff4d6;border:1px solid #8a6d00;padding:.5rem .75rem;border-radius:.375rem}
fieldset{border:1px solid #c9ccd1;border-radius:.5rem;margin:0 0 1rem;padding:.75rem 1rem}
legend{font-weight:600;padding:0 .25rem}
label{display:block;margin:.5rem 0 .25rem}
input[type=text],select{font:inherit;width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #6b7078;border-radius:.375rem}
.choice{display:flex;gap:.5rem;align-items:center;margin:.25rem 0}
.choice label{margin:0}
.hint{color:#4a4f57;font-size:.95rem;margin:.25rem 0}
.error{background:#fde8e8;border:1px solid #a61b1b;color:#7a1111;padding:.6rem .75rem;border-radius:.375rem}
button{font:inherit;font-weight:600;padding:.75rem 1.25rem;border-radius:.375rem;border:0;background:#1d4ed8;color:#fff;width:100%;cursor:pointer}
button.secondary{background:#fff;color:#1d4ed8;border:1px solid #1d4ed8;margin-top:.5rem}
:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
table{width:100%;border-collapse:collapse}td{padding:.25rem 0}td:last-child{text-align:right}`;

function layout(lang: "pl" | "en", title: string, body: string) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title><style>${style}</style></head><body><main>${body}</main></body></html>`;
}

export function checkoutPage(input: { session: StripeObject | null; error: string | null; values: Partial<CheckoutChoice> }) {
  const lang = input.session?.locale === "en" ? "en" : "pl";
  const t = texts[lang];
  if (!input.session) return layout(lang, t.title, `<h1>${t.title}</h1><p class="error" role="alert">${t.missing}</p>`);
  const s = input.session;
  const items = (s._line_items as { name: string; amount: number }[] | undefined) ?? [];
  const error = input.error ? (t.errors as Record<string, string>)[input.error] ?? input.error : null;
  const fieldError = (name: string) => (input.error === name ? ` aria-invalid="true" aria-describedby="error"` : "");
  const method = input.values.method ?? "blik";
  const checked = (m: string) => (method === m ? " checked" : "");
  const open = s.status === "open";
  const form = open
    ? `<form method="post" novalidate>
  <fieldset><legend>${t.method}</legend>
    <div class="choice"><input type="radio" id="m-blik" name="method" value="blik"${checked("blik")}><label for="m-blik">${t.blik}</label></div>
    <label for="blikCode">${t.blikCode}</label>
    <input type="text" id="blikCode" name="blikCode" inputmode="numeric" autocomplete="one-time-code" maxlength="6" value=""${fieldError("blik_code")}>
    <p class="hint">${t.blikHint}</p>
    <div class="choice"><input type="radio" id="m-p24" name="method" value="p24"${checked("p24")}><label for="m-p24">${t.p24}</label></div>
    <label for="bank">${t.bank}</label>
    <select id="bank" name="bank"${fieldError("p24_bank")}><option value="">${t.chooseBank}</option>${Object.entries(t.banks)
      .map(([v, name]) => `<option value="${v}"${input.values.bank === v ? " selected" : ""}>${escape(name)}</option>`)
      .join("")}</select>
    <div class="choice"><input type="radio" id="m-card" name="method" value="card"${checked("card")}><label for="m-card">${t.card}</label></div>
    <label for="cardNumber">${t.cardNumber}</label>
    <input type="text" id="cardNumber" name="cardNumber" inputmode="numeric" autocomplete="cc-number" value="${escape(input.values.cardNumber)}"${fieldError("card_number")}>
    <p class="hint">${t.cardHint}</p>
    <label for="cardExpiry">${t.expiry}</label>
    <input type="text" id="cardExpiry" name="cardExpiry" autocomplete="cc-exp" value="${escape(input.values.cardExpiry)}"${fieldError("card_expiry")}>
    <label for="cardCvc">${t.cvc}</label>
    <input type="text" id="cardCvc" name="cardCvc" inputmode="numeric" autocomplete="cc-csc" value=""${fieldError("card_cvc")}>
  </fieldset>
  <button type="submit">${t.pay} ${pln(Number(s.amount_total), lang)}</button>
  <button type="submit" name="action" value="cancel" class="secondary" formnovalidate>${t.cancel}</button>
</form>`
    : s.cancel_url
      ? `<p><a href="${escape(s.cancel_url)}">${t.cancel}</a></p>`
      : "";
  return layout(
    lang,
    `${t.title} — ${pln(Number(s.amount_total), lang)}`,
    `<h1>${t.title}</h1>
<p class="test">${t.testMode}</p>
${error ? `<p class="error" id="error" role="alert">${escape(error)}</p>` : ""}
<section class="box" aria-labelledby="summary"><h2 id="summary">${t.toPay}: ${pln(Number(s.amount_total), lang)}</h2>
<table><tbody>${items.map((i) => `<tr><td>${escape(i.name)}</td><td>${pln(i.amount, lang)}</td></tr>`).join("")}</tbody></table></section>
${form}`,
  );
}

export function onboardingPage(input: { account: StripeObject | null }) {
  const t = texts.pl;
  if (!input.account) return layout("pl", t.onboardTitle, `<h1>${t.onboardTitle}</h1><p class="error" role="alert">${t.missing}</p>`);
  return layout(
    "pl",
    t.onboardTitle,
    `<h1>${t.onboardTitle}</h1><p class="test">${t.testMode}</p><p>${t.onboardIntro}</p>
<p>${escape(input.account.email ?? "")} · ${escape(input.account.id)}</p>
<form method="post"><button type="submit">${t.onboardSubmit}</button></form>`,
  );
}
