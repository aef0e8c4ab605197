"use server";

import { signOut } from "@/lib/auth/config";
import { TOKEN_PATTERN } from "./token";

/** Signs out and comes back to the invitation through sign-in, for the account it was sent to. */
export async function switchAccountAction(formData: FormData): Promise<void> {
  const token = String(formData.get("token") ?? "");
  const back = TOKEN_PATTERN.test(token) ? `/invite/${token}` : "/";
  const login = String(formData.get("login") ?? "").slice(0, 254);
  const query = new URLSearchParams({ callbackUrl: back, ...(login ? { login } : {}) });
  await signOut({ redirectTo: `/signin?${query}` });
}
