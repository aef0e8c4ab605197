"use server";

import { signOut } from "@/lib/auth/config";
import { stripControls } from "@/lib/validation/text";
import { formToObject } from "../safe-action";
import { TOKEN_PATTERN } from "./token";

/** Signs out and comes back to the invitation through sign-in, for the account it was sent to. */
export async function switchAccountAction(formData: FormData): Promise<void> {
  const raw = formToObject(formData);
  const token = typeof raw.token === "string" ? raw.token : "";
  const back = TOKEN_PATTERN.test(token) ? `/invite/${token}` : "/";
  const login = typeof raw.login === "string" ? stripControls(raw.login).slice(0, 254) : "";
  const query = new URLSearchParams({ callbackUrl: back, ...(login ? { login } : {}) });
  await signOut({ redirectTo: `/signin?${query}` });
}
