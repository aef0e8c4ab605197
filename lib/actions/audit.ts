import "server-only";
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
  actor: { id: string; username: string } | null,
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
  });
}
