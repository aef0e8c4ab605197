import Link from "next/link";
import { unreadNotificationCount } from "@/lib/data/notifications";

/** The header's way to /notifications, with the unread count in its accessible name. */
export async function NotificationsLink({ userId }: { userId: string }) {
  const unread = await unreadNotificationCount(userId);
  return (
    <Link href="/notifications" className="flex items-center gap-1 text-sm" aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}>
      Notifications
      {unread ? (
        <span aria-hidden className="rounded-full bg-indigo-600 px-1.5 text-xs font-semibold text-white">{unread > 99 ? "99+" : unread}</span>
      ) : null}
    </Link>
  );
}
