import "server-only";
import { sql } from "drizzle-orm";
import Papa from "papaparse";
import { rows } from "@/db/client";
import { getDb } from "@/lib/db";
import type { AuditFilter } from "@/lib/validation/audit-filter";

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

/**
 * Where the previous batch ended: the next one starts strictly after it (newest first). The time
 * stays PostgreSQL's own text, in microseconds: a JavaScript Date would round it to milliseconds
 * and skip the events between.
 */
interface AuditCursor {
  at: string;
  id: string;
}

async function auditBatch(orgId: string, filter: AuditFilter, limit: number, after?: AuditCursor): Promise<(AuditRow & { cursor: AuditCursor })[]> {
  const db = await getDb();
  const where = [sql`org_id = ${orgId}::uuid`];
  if (filter.actor) where.push(sql`lower(actor_name) = lower(${filter.actor})`);
  if (filter.action) where.push(sql`action = ${filter.action}`);
  if (filter.before && !Number.isNaN(Date.parse(filter.before))) where.push(sql`created_at < ${new Date(filter.before).toISOString()}::timestamptz`);
  // Events can share a timestamp: the id breaks the tie so a batch boundary never skips one.
  if (after) where.push(sql`(created_at, id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  const list = await rows<{
    id: string; created_at: string | Date; cursor_at: string; actor_name: string; action: string; target_type: string; target_label: string; before: unknown; after: unknown;
  }>(
    db,
    sql`select id, created_at, created_at::text as cursor_at, actor_name, action, target_type, target_label, before, after
        from audit_events where ${sql.join(where, sql` and `)}
        order by created_at desc, id desc limit ${limit}`,
  );
  return list.map((r) => ({
    id: r.id, createdAt: new Date(r.created_at), actorName: r.actor_name, action: r.action,
    targetType: r.target_type, targetLabel: r.target_label, before: r.before, after: r.after,
    cursor: { at: r.cursor_at, id: r.id },
  }));
}

export async function listAuditEvents(orgId: string, filter: AuditFilter, limit = 100): Promise<AuditRow[]> {
  return auditBatch(orgId, filter, limit);
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
  let cursor: AuditCursor | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(Papa.unparse([AUDIT_CSV_FIELDS])));
        return;
      }
      const batch = await auditBatch(orgId, filter, batchSize, cursor);
      if (batch.length > 0) {
        const data = batch.map((e) => [e.createdAt.toISOString(), e.actorName, e.action, e.targetType, e.targetLabel, e.before, e.after].map(cell));
        controller.enqueue(encoder.encode("\r\n" + Papa.unparse(data)));
        cursor = batch[batch.length - 1].cursor;
      }
      if (batch.length < batchSize) controller.close();
    },
  });
}
