import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { data as withHeaders } from "@remix-run/node";
import { FeedbackRegion } from "~/components/Feedback";
import { navigationFor } from "~/modules/identity/permissions";
import { takeFeedback } from "~/modules/kernel/feedback.server";
import { getSessionContext, listActiveMemberships } from "~/modules/identity/session.server";
import { mailboxVisibleTo } from "~/modules/notifications/mailbox.server";
import { getT, localeNames, locales, type Locale, type RouteHandle } from "~/utils/i18n";
import { LocaleProvider, useT } from "~/utils/i18n-react";
import { localeFromRequest } from "~/utils/locale.server";
import { useNonce } from "~/utils/nonce";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Portal CUS" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await getSessionContext(request);
  const locale = await localeFromRequest(request, session?.user.locale);
  const membershipCount = session ? (await listActiveMemberships(session.user.id)).length : 0;
  const { feedback, headers } = await takeFeedback(request);
  return withHeaders({
    locale,
    feedback,
    showDevMailbox: mailboxVisibleTo({ ip: context.ip, role: session?.membership?.role }),
    user: session ? { name: session.user.name, email: session.user.email } : null,
    membership: session?.membership
      ? { role: session.membership.role, organisationName: session.membership.organisationName }
      : null,
    canSwitch: membershipCount > 1,
    nav: session?.membership ? navigationFor(session.membership.role) : [],
  }, { headers });
}

export type RootData = ReturnType<typeof useLoaderData<typeof loader>>;

function Document({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const nonce = useNonce();
  // Ukrainian covers what residents read; elsewhere the text falls back to Polish, and the page says so.
  const matches = useMatches();
  const lang = locale === "uk" && !matches.some((m) => (m.handle as RouteHandle | undefined)?.ukrainian) ? "pl" : locale;
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* FullCalendar reads this to put the CSP nonce on the <style> element it injects. */}
        <meta name="csp-nonce" content={nonce} />
        <Meta />
        <Links />
      </head>
      <body>
        <LocaleProvider locale={locale}>{children}</LocaleProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/** Ukrainian is offered to residents and visitors only: staff screens are not translated into it. */
function LanguageSwitch({ locale, offerUkrainian }: { locale: Locale; offerUkrainian: boolean }) {
  const t = useT();
  const location = useLocation();
  return (
    <Form method="post" action="/language" className="language-switch">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {locales
        .filter((other) => other !== locale && (other !== "uk" || offerUkrainian))
        .map((other) => (
          <button key={other} type="submit" name="locale" value={other} className="link-button" lang={other}>
            <span className="visually-hidden">{t("app.language")}: </span>
            {localeNames[other]}
          </button>
        ))}
    </Form>
  );
}

function Shell({ data, children }: { data: RootData; children: React.ReactNode }) {
  const t = useT();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="site-header" lang={data.locale}>
        <div className="site-header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              CUS
            </span>
            <span className="brand__text">
              <span className="brand__name">{t("app.name")}</span>
              {data.membership ? <span className="brand__org">{data.membership.organisationName}</span> : null}
            </span>
          </Link>
          <div className="site-header__tools">
            <Link to="/catalogue" className="header-link">
              {t("nav.catalogue")}
            </Link>
            <LanguageSwitch locale={data.locale} offerUkrainian={!data.membership || data.membership.role === "resident"} />
            {data.user ? (
              <>
                <Link to="/account" className="account-link">
                  <span className="visually-hidden">{t("app.account")}: </span>
                  {data.user.name}
                  {data.membership ? <span className="account-link__role">{t(`roles.${data.membership.role}`)}</span> : null}
                </Link>
                <Form method="post" action="/sign-out">
                  <button type="submit" className="button button--quiet">
                    {t("app.signOut")}
                  </button>
                </Form>
              </>
            ) : (
              <Link to="/sign-in" className="header-link">
                {t("signIn.submit")}
              </Link>
            )}
          </div>
        </div>
        {data.nav.length > 0 ? (
          <nav aria-label={t("app.mainNavigation")} className="main-nav">
            <ul>
              {data.nav.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.label === "home"}>
                    {t(`nav.${item.label}`)}
                  </NavLink>
                </li>
              ))}
              <li>
                <NavLink to="/account">{t("app.account")}</NavLink>
              </li>
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" tabIndex={-1} className="page">
        <FeedbackRegion feedback={data.feedback} />
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("app.footer")}</p>
        {data.showDevMailbox ? (
          <p>
            <Link to="/dev/mailbox">{t("app.devMailbox")}</Link>
          </p>
        ) : null}
      </footer>
    </>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  return (
    <Document locale={data.locale}>
      <Shell data={data}>
        <Outlet />
      </Shell>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? "pl";
  const t = getT(locale);
  let title = t("errors.title");
  let message = t("errors.unexpected");
  if (isRouteErrorResponse(error) && error.status === 403) {
    title = t("errors.forbiddenTitle");
    message = t("errors.forbidden");
  } else if (isRouteErrorResponse(error) && error.status === 404) {
    title = t("errors.notFoundTitle");
    message = t("errors.notFound");
  } else if (isRouteErrorResponse(error) && error.status === 413) {
    title = t("errors.tooLargeTitle");
    message = t("errors.tooLarge");
  } else if (isRouteErrorResponse(error) && error.status === 400) {
    title = t("errors.badRequestTitle");
    message = t("errors.badRequest");
  } else if (!isRouteErrorResponse(error)) {
    console.error(error);
  }
  const body = (
    <section className="panel error-panel" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">{t("errors.goHome")}</Link>
      </p>
    </section>
  );
  return (
    <Document locale={locale}>
      {data ? (
        <Shell data={data}>{body}</Shell>
      ) : (
        <main id="main" className="page">
          {body}
        </main>
      )}
    </Document>
  );
}
