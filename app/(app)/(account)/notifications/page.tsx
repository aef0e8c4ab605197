import type { Metadata } from "next";
import { NotificationList } from "@/components/notifications/notification-list";
import { MarkAllReadButton } from "@/components/notifications/read-buttons";
import { requireUser } from "@/lib/auth/current-user";
import { listNotifications } from "@/lib/data/notifications";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const user = await requireUser();
  const items = await listNotifications(user.id);
  const unread = items.filter((n) => !n.readAt).length;
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Notifications</h1>
          <p className="text-sm text-slate-600">{unread ? `${unread} unread` : "All caught up"}</p>
        </div>
        {unread ? <MarkAllReadButton /> : null}
      </div>
      <NotificationList items={items} />
    </div>
  );
}
