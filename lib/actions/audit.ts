import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { auditEvents } from "@/db/schema";

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  targetLabel?: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(
  tx: Executor,
  orgId: string | null,
  actor: { id: string; username: string; tokenName?: string } | null,
  entry: AuditEntry,
): Promise<void> {
  await tx.insert(auditEvents).values({
    orgId,
    actorId: actor?.id ?? null,
    actorName: actor?.username ?? "system",
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    targetLabel: entry.targetLabel ?? "",
    before: entry.before ?? null,
    after: entry.after ?? null,
    tokenName: actor?.tokenName ?? null,
    // now() is the transaction's start; the clock at the write orders events the way they
    // committed, since changes to one organization are serialized by its row lock.
    createdAt: sql`clock_timestamp()`,
  });
}
