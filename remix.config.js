/**
 * Remix classic compiler configuration.
 * Every future flag this compiler supports is on, so a later move to Vite / React Router 7
 * is a configuration change (see docs/decisions/001-stack-and-remix-config.md).
 * @type {import('@remix-run/dev').AppConfig}
 */
export default {
  appDirectory: "app",
  serverModuleFormat: "esm",
  serverPlatform: "node",
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  watchPaths: ["db/**/*.ts", "emails/**/*.tsx"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
