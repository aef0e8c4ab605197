import { queryParam, type SearchParamsSource } from "./query";

export interface AuditFilter {
  actor?: string;
  action?: string;
  /** Show events older than this ISO time (the page's "older" link). */
  before?: string;
}

/** The audit log's filters from the URL, for the page and its CSV export alike: bad values are dropped. */
export function parseAuditFilter(source: SearchParamsSource): AuditFilter {
  const before = queryParam(source, "before", 40);
  return {
    actor: queryParam(source, "actor", 64),
    action: queryParam(source, "action", 64),
    before: before && !Number.isNaN(Date.parse(before)) ? new Date(before).toISOString() : undefined,
  };
}
