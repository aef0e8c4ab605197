import { queryParam, type SearchParamsSource } from "./query";

export interface AuditFilter {
  actor?: string;
  action?: string;
}

/** The audit log's filters from the URL, for the page and its CSV export alike: bad values are dropped. */
export function parseAuditFilter(source: SearchParamsSource): AuditFilter {
  return { actor: queryParam(source, "actor", 64), action: queryParam(source, "action", 64) };
}
