import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/db/client";

export interface SeatUsage {
  members: number;
  pending: number;
  used: number;
  total: number;
  free: number;
}

/**
 * Seats of an organization: the creator's plus the additional seats of the plan. Pending,
 * unexpired invitations hold a seat, or an admin could oversubscribe by inviting first.
 */
export async function seatUsage(db: Executor, orgId: string): Promise<SeatUsage> {
  const [row] = await rows<{ members: number; pending: number; total: number }>(
    db,
    sql`select
          (select count(*)::int from memberships where org_id = ${orgId}::uuid) as members,
          (select count(*)::int from invitations where org_id = ${orgId}::uuid and status = 'pending' and expires_at > now()) as pending,
          (select 1 + additional_seats from organizations where id = ${orgId}::uuid) as total`,
  );
  const members = Number(row?.members ?? 0);
  const pending = Number(row?.pending ?? 0);
  const total = Number(row?.total ?? 0);
  return { members, pending, used: members + pending, total, free: Math.max(0, total - members - pending) };
}
