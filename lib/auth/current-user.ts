import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { findUserById, type SignedInUser } from "@/lib/data/users";
import { auth } from "./config";

/** The signed-in user's id from the session cookie, once per request. */
export const currentUserId = cache(async (): Promise<string | null> => {
  const session = await auth();
  return session?.user?.id ?? null;
});

/** The signed-in user, read from the database, or null (a deleted account is signed out). */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  const id = await currentUserId();
  return id ? findUserById(id) : null;
});

export function safeCallback(url: string | null | undefined): string {
  if (!url || !url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\")) return "/";
  return url;
}

/** For pages: the signed-in user, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(): Promise<SignedInUser> {
  const user = await currentUser();
  if (user) return user;
  const path = (await headers()).get("x-pathname") ?? "/";
  redirect(`/signin?callbackUrl=${encodeURIComponent(safeCallback(path))}`);
}
