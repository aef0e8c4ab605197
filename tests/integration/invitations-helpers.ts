import { sql } from "drizzle-orm";
import { rows } from "@/db/client";
import type { ActionResult } from "@/lib/actions/result";
import { deliverDue } from "@/lib/mail/sender";
import { scanAtRest, type Query } from "../at-rest-scan";
import { db } from "../factories";

/** The data of a successful action, or a failed test that says why it was refused. */
export function ok<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.status}: ${result.error} ${JSON.stringify(result.fieldErrors ?? {})}`);
  return result.data;
}

export function refused<T>(result: ActionResult<T>): { error: string; status: number; fieldErrors?: Record<string, string[] | undefined> } {
  if (result.ok) throw new Error(`expected a refusal, got success: ${JSON.stringify(result.data)}`);
  return result;
}

export function tokenOf(link: string): string {
  return new URL(link).pathname.split("/").pop()!;
}

export async function invitationRow(id: string) {
  const [row] = await rows<{ status: string; role: string; token_hash: string; expires_at: string | Date; accepted_by: string | null }>(
    await db(),
    sql`select status, role, token_hash, expires_at, accepted_by from invitations where id = ${id}::uuid`,
  );
  return row ?? null;
}

export async function outboxTo(email: string) {
  return rows<{ to: string; subject: string; text: string; html: string | null; status: string }>(
    await db(),
    sql`select "to", subject, text, html, status from email_outbox where "to" = ${email} order by created_at`,
  );
}

export async function notificationsOf(userId: string) {
  return rows<{ kind: string; title: string; invitation_id: string | null; read_at: Date | null }>(
    await db(),
    sql`select kind, title, invitation_id, read_at from notifications where user_id = ${userId}::uuid order by created_at`,
  );
}

export async function auditActions(orgId: string): Promise<string[]> {
  const list = await rows<{ action: string }>(
    await db(),
    sql`select action from audit_events where org_id = ${orgId}::uuid and action like 'invitation.%' order by created_at`,
  );
  return list.map((r) => r.action);
}

export interface Delivered {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Runs the outbox sender once with a transport that keeps what it is handed: the e-mails as
 * their recipients get them, links filled in, which the outbox itself never holds.
 */
export async function deliverOutbox(): Promise<Delivered[]> {
  const sent: Delivered[] = [];
  const transport = { sendMail: async (m: Delivered) => { sent.push(m); return {}; } };
  for (;;) {
    const before = sent.length;
    await deliverDue(await db(), { transport: transport as never, from: "Workbench <no-reply@example.test>", maxAttempts: 3 });
    if (sent.length === before) return sent;
  }
}

export const LINK_IN_MAIL = /http:\/\/localhost:3000\/[a-z-]+\/[A-Za-z0-9_-]{43}/;

/** The at-rest scan (tests/at-rest-scan.ts) over the test database. */
export async function scanTestDb(needles: string[]) {
  const d = await db();
  const query: Query = (text, params) => {
    const [head, ...tail] = text.split("$1");
    const statement = params.length ? sql.join([sql.raw(head), sql`${params[0]}`, sql.raw(tail.join("$1"))], sql``) : sql.raw(text);
    return rows<Record<string, unknown>>(d, statement);
  };
  return scanAtRest(query, needles);
}
