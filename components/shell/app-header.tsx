import Link from "next/link";
import { VerifyBanner } from "@/components/account/verify-banner";
import { getWorkspace } from "@/lib/data/orgs";
import type { SignedInUser } from "@/lib/data/users";
import { NotificationsLink } from "@/components/notifications/notifications-link";
import { UserMenu } from "./user-menu";
import { WorkspaceSwitcher } from "./workspace-switcher";

export async function AppHeader({ user, current }: { user: SignedInUser | null; current?: string }) {
  // The switcher names the workspace as its list does, by display name, without fetching the list.
  // Workspace pages read the same workspace, so there this is the request's cached answer; project
  // pages look their project up by slug instead, and pay one indexed read for the name.
  const workspace = user && current ? await getWorkspace(current, user.id) : null;
  const currentName = workspace?.role ? workspace.org.displayName : undefined;
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-2">
          <div className="flex items-center gap-3">
            <Link href="/" className="font-semibold text-indigo-700 hover:no-underline">Workbench</Link>
            {user ? <WorkspaceSwitcher current={current} currentName={currentName} /> : null}
          </div>
          <nav className="flex items-center gap-3" aria-label="Account">
            {user ? (
              <>
                <NotificationsLink userId={user.id} />
                <Link href="/organizations/new" className="text-sm">New organization</Link>
                <UserMenu username={user.username} />
              </>
            ) : (
              <Link href="/signin" className="text-sm">Sign in</Link>
            )}
          </nav>
        </div>
      </header>
      {user && !user.emailVerifiedAt ? <VerifyBanner email={user.email} /> : null}
    </>
  );
}
