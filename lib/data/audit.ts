import "server-only";
import { sql } from "drizzle-orm";
import Papa from "papaparse";
import { rows } from "@/db/client";
import { getDb } from "@/lib/db";
import type { AuditFilter } from "@/lib/validation/audit-filter";
import { keysetPage, type Page } from "./keyset";

export type { AuditFilter };

export interface AuditRow {
  id: string;
  createdAt: Date;
  actorName: string;
  action: string;
  targetType: string;
  targetLabel: string;
  before: unknown;
  after: unknown;
}

/** How many events the audit page shows at a time. */
export const AUDIT_PAGE_SIZE = 100;

/**
 * A page of the filtered log, newest first, in one statement. The time key is PostgreSQL's own
 * text, in microseconds: a JavaScript Date would round it to milliseconds and skip the events
 * between; events can share a time, and the id breaks the tie.
 */
export async function listAuditEvents(orgId: string, filter: AuditFilter, cursor?: string, limit = AUDIT_PAGE_SIZE): Promise<Page<AuditRow>> {
  const db = await getDb();
  const page = keysetPage(
    { list: "audit", scope: orgId, keys: [{ expr: sql`created_at`, type: "timestamptz" }, { expr: sql`id`, type: "uuid" }], descending: true },
    cursor,
    limit,
  );
  const where = [sql`org_id = ${orgId}::uuid`, page.where];
  if (filter.actor) where.push(sql`lower(actor_name) = lower(${filter.actor})`);
  if (filter.action) where.push(sql`action = ${filter.action}`);
  const list = await rows<{
    id: string; created_at: string | Date; cursor_at: string; actor_name: string; action: string; target_type: string; target_label: string; before: unknown; after: unknown;
  }>(
    db,
    sql`select id, created_at, created_at::text as cursor_at, actor_name, action, target_type, target_label, before, after
        from audit_events where ${sql.join(where, sql` and `)}
        order by ${page.order} limit ${page.limit}`,
  );
  const events = page.finish(list, (r) => [r.cursor_at, r.id]);
  return {
    ...events,
    items: events.items.map((r) => ({
      id: r.id, createdAt: new Date(r.created_at), actorName: r.actor_name, action: r.action,
      targetType: r.target_type, targetLabel: r.target_label, before: r.before, after: r.after,
    })),
  };
}

export async function auditFacets(orgId: string): Promise<{ actors: string[]; actions: string[] }> {
  const db = await getDb();
  const [row] = await rows<{ actors: string[] | null; actions: string[] | null }>(
    db,
    sql`select (select array_agg(distinct actor_name order by actor_name) from audit_events where org_id = ${orgId}::uuid) as actors,
               (select array_agg(distinct action order by action) from audit_events where org_id = ${orgId}::uuid) as actions`,
  );
  return { actors: row?.actors ?? [], actions: row?.actions ?? [] };
}

// Spreadsheets run cells that start with these as formulas: prefix them so an exported
// display name can never execute in the reader's spreadsheet.
function cell(value: unknown): string {
  const text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export const AUDIT_CSV_FIELDS = ["time", "actor", "action", "target_type", "target", "before", "after"];
export const AUDIT_CSV_BATCH = 1000;

/**
 * The whole filtered log as CSV, read in batches as the client takes it: memory holds one batch,
 * however long the log, and a client that goes away stops the reading.
 */
export function auditCsvStream(orgId: string, filter: AuditFilter, batchSize = AUDIT_CSV_BATCH): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(Papa.unparse([AUDIT_CSV_FIELDS])));
        return;
      }
      const batch = await listAuditEvents(orgId, filter, cursor, batchSize);
      if (batch.items.length > 0) {
        const data = batch.items.map((e) => [e.createdAt.toISOString(), e.actorName, e.action, e.targetType, e.targetLabel, e.before, e.after].map(cell));
        controller.enqueue(encoder.encode("\r\n" + Papa.unparse(data)));
      }
      if (batch.next) cursor = batch.next;
      else controller.close();
    },
  });
}
