import type { LoaderFunctionArgs } from "@remix-run/node";
import { hsdsServiceAtLocations, hsdsPaging } from "~/modules/directory/hsds.server";
import { readQuery } from "~/modules/kernel/boundary.server";

/** Open data, HSDS 3.0 (paged: ?page=1&per_page=50). Public and cacheable. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { page, perPage } = readQuery(request, hsdsPaging).data;
  return Response.json(await hsdsServiceAtLocations(page, perPage), {
    headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
