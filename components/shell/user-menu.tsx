import Link from "next/link";
import { signOutAction } from "@/lib/actions/sign-in";

export function UserMenu({ username }: { username: string }) {
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-md px-2 py-1 text-sm font-medium hover:bg-slate-100" aria-label={`Account menu for ${username}`}>
        {username} ▾
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-48 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
        <Link href="/settings" className="block rounded px-3 py-2 text-sm text-slate-800 hover:bg-slate-100 hover:no-underline">
          Your settings
        </Link>
        <Link href="/settings/tokens" className="block rounded px-3 py-2 text-sm text-slate-800 hover:bg-slate-100 hover:no-underline">
          Access tokens
        </Link>
        <form action={signOutAction}>
          <button type="submit" className="block w-full rounded px-3 py-2 text-left text-sm text-slate-800 hover:bg-slate-100">
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}
