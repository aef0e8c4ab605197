"use server";

import { AuthError } from "next-auth";
import { signIn, signOut, SignInThrottled } from "@/lib/auth/config";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { stripControls } from "@/lib/validation/text";
import type { ActionResult } from "./result";
import { formToObject } from "./safe-action";

export async function signInAction(_prev: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  // NUL never reaches the account lookup (PostgreSQL refuses it); nobody types control characters.
  const raw = formToObject(formData);
  const text = (v: unknown) => (typeof v === "string" ? stripControls(v) : "");
  const identifier = text(raw.identifier).trim().slice(0, 254);
  const password = text(raw.password);
  if (!identifier || !password) {
    return {
      ok: false,
      status: 400,
      error: "Enter your username or e-mail and your password.",
      fieldErrors: {
        identifier: identifier ? undefined : ["Enter your username or e-mail."],
        password: password ? undefined : ["Enter your password."],
      },
    };
  }
  // The attempt is counted (and refused when over the limit) where the password is checked,
  // in the credentials provider, so a direct POST to Auth.js meets the same limit.
  try {
    await signIn("credentials", { identifier, password, redirectTo: safeRedirectPath(text(raw.callbackUrl)) });
  } catch (err) {
    if (err instanceof SignInThrottled) return { ok: false, status: 429, error: err.retryMessage };
    if (err instanceof AuthError) return { ok: false, status: 401, error: "Wrong username, e-mail or password." };
    throw err;
  }
  return { ok: true, data: null };
}

/** Ends this browser's session on the server (Auth.js's signOut event deletes its row). */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin" });
}
