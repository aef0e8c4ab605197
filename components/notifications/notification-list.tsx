import Link from "next/link";
import { RespondButtons } from "@/components/invitations/respond-buttons";
import type { NotificationItem } from "@/lib/data/notifications";
import { MarkReadButton } from "./read-buttons";
import { formatDate } from "@/lib/format/dates";

function when(date: Date) {
  return (
    <time dateTime={date.toISOString()} className="text-xs text-slate-500">
      {formatDate(date, "dateTime")} UTC
    </time>
  );
}

export function NotificationList({ items }: { items: NotificationItem[] }) {
  if (items.length === 0) {
    return <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">No notifications yet.</p>;
  }
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {items.map((n) => {
        const unread = !n.readAt;
        return (
          <li key={n.id} aria-label={n.title} className={`flex flex-col gap-2 p-4 ${unread ? "bg-indigo-50/50" : ""}`}>
            <div className="flex items-start justify-between gap-3">
              <div className="space-y-1">
                <p className="text-sm font-medium">
                  {unread ? <span className="mr-2 inline-block h-2 w-2 rounded-full bg-indigo-600" aria-hidden /> : null}
                  {unread ? <span className="sr-only">Unread: </span> : null}
                  {n.link && !n.openInvitationId ? <Link href={n.link}>{n.title}</Link> : n.title}
                </p>
                {n.body ? <p className="text-sm text-slate-700">{n.body}</p> : null}
                {when(n.createdAt)}
              </div>
              {unread ? <MarkReadButton notificationId={n.id} title={n.title} /> : null}
            </div>
            {n.openInvitationId ? <RespondButtons invitationId={n.openInvitationId} orgName={n.invitationOrgName ?? "the organization"} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
