import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { currentUser } from "@/lib/auth/current-user";

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const [{ workspace }, user] = await Promise.all([params, currentUser()]);
  return (
    <>
      <AppHeader user={user} current={workspace.toLowerCase()} />
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </>
  );
}
