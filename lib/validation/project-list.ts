import { z } from "zod";
import { projectVisibility } from "@/db/schema";
import { cursorParam } from "./cursor";
import { queryParam, type SearchParamsSource } from "./query";

export const PROJECT_PAGE_SIZE = 24;

/** The project list's filters as they travel in the URL: anything unknown is simply dropped. */
export const projectListParams = z.object({
  q: z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined),
  tag: z.string().trim().max(60).optional().catch(undefined).transform((v) => v || undefined),
  visibility: z.enum(projectVisibility.enumValues).optional().catch(undefined),
  sort: z.enum(["name", "updated"]).optional().catch(undefined),
  // Opaque keyset position from the previous page; one that does not decode starts from the top.
  cursor: cursorParam,
});

export type ProjectListParams = z.output<typeof projectListParams>;

export function parseListParams(source: SearchParamsSource): ProjectListParams {
  const get = (k: string) => queryParam(source, k);
  return projectListParams.parse({ q: get("q"), tag: get("tag"), visibility: get("visibility"), sort: get("sort"), cursor: get("cursor") });
}
