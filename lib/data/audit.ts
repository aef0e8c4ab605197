import "server-only";
import { sql } from "drizzle-orm";
import Papa from "papaparse";
import { rows } from "@/db/client";
import { getDb } from "@/lib/db";

export interface AuditFilter {
  actor?: string;
  action?: string;
  /** Show events older than this ISO time (the page's "older" link). */
  before?: string;
}

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

export async function listAuditEvents(orgId: string, filter: AuditFilter, limit = 100): Promise<AuditRow[]> {
  const db = await getDb();
  const where = [sql`org_id = ${orgId}::uuid`];
  if (filter.actor) where.push(sql`lower(actor_name) = lower(${filter.actor})`);
  if (filter.action) where.push(sql`action = ${filter.action}`);
  if (filter.before && !Number.isNaN(Date.parse(filter.before))) where.push(sql`created_at < ${new Date(filter.before).toISOString()}::timestamptz`);
  const list = await rows<{
    id: string; created_at: string | Date; actor_name: string; action: string; target_type: string; target_label: string; before: unknown; after: unknown;
  }>(
    db,
    sql`select id, created_at, actor_name, action, target_type, target_label, before, after
        from audit_events where ${sql.join(where, sql` and `)}
        order by created_at desc, id desc limit ${limit}`,
  );
  return list.map((r) => ({
    id: r.id, createdAt: new Date(r.created_at), actorName: r.actor_name, action: r.action,
    targetType: r.target_type, targetLabel: r.target_label, before: r.before, after: r.after,
  }));
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

export async function auditCsv(orgId: string, filter: AuditFilter): Promise<string> {
  const events = await listAuditEvents(orgId, filter, 100_000);
  return Papa.unparse({
    fields: ["time", "actor", "action", "target_type", "target", "before", "after"],
    data: events.map((e) => [e.createdAt.toISOString(), e.actorName, e.action, e.targetType, e.targetLabel, e.before, e.after].map(cell)),
  });
}
