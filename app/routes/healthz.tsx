import { ping } from "@db/client";

/** Liveness for load balancers and the test runner: answers once the database does. */
export async function loader() {
  await ping();
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
