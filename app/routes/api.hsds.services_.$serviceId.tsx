import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { hsdsService } from "~/modules/directory/hsds.server";
import { notFound, readParams } from "~/modules/kernel/boundary.server";
import { id } from "~/modules/kernel/input";

const ServiceParams = z.object({ serviceId: id() });

/** Open data, HSDS 3.0: one service (GET /services/{id}); 404 for anything not published. Public and cacheable. */
export async function loader({ params }: LoaderFunctionArgs) {
  const { serviceId } = readParams(params, ServiceParams);
  const service = await hsdsService(serviceId);
  if (!service) throw notFound();
  return Response.json(service, { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } });
}
