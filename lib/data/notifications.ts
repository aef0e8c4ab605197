import "server-only";
import { sql } from "drizzle-orm";
import { rows } from "@/db/client";
import { getDb } from "@/lib/db";

export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
  /** Set when the notification is about an invitation this user can still accept or decline. */
  openInvitationId: string | null;
  /** The organization that invitation is to. */
  invitationOrgName: string | null;
}

/**
 * The user's notifications, newest first, in one query. An invitation notification carries its
 * invitation's id only while that invitation is pending, unexpired and addressed to this user:
 * by username, or by an address this user has verified (an unverified claim proves nothing).
 */
export async function listNotifications(userId: string, limit = 100): Promise<NotificationItem[]> {
  const db = await getDb();
  const list = await rows<{
    id: string; kind: string; title: string; body: string; link: string | null;
    created_at: string | Date; read_at: string | Date | null; open_invitation_id: string | null; org_name: string | null;
  }>(
    db,
    sql`select n.id, n.kind, n.title, n.body, n.link, n.created_at, n.read_at,
               case when i.status = 'pending' and i.expires_at > now()
                     and ((i.email = lower(u.email) and u.email_verified_at is not null) or lower(i.username) = lower(u.username))
                    then i.id end as open_invitation_id,
               o.display_name as org_name
        from notifications n
        join users u on u.id = n.user_id
        left join invitations i on i.id = n.invitation_id
        left join organizations o on o.id = i.org_id
        where n.user_id = ${userId}::uuid
        order by n.created_at desc, n.id desc
        limit ${limit}`,
  );
  return list.map((r) => ({
    id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link,
    createdAt: new Date(r.created_at), readAt: r.read_at ? new Date(r.read_at) : null,
    openInvitationId: r.open_invitation_id, invitationOrgName: r.org_name,
  }));
}

export async function unreadNotificationCount(userId: string): Promise<number> {
  const [row] = await rows<{ n: number }>(
    await getDb(),
    sql`select count(*)::int as n from notifications where user_id = ${userId}::uuid and read_at is null`,
  );
  return Number(row?.n ?? 0);
}
