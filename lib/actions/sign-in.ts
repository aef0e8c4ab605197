"use server";

import { AuthError } from "next-auth";
import { signIn, signOut } from "@/lib/auth/config";
import { safeCallback } from "@/lib/auth/current-user";
import { signInLockedFor } from "@/lib/auth/sign-in-limit";
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
  const lockedMinutes = await signInLockedFor(identifier);
  if (lockedMinutes !== null) {
    return {
      ok: false,
      status: 429,
      error: `Too many failed sign-ins for this account. Try again in ${lockedMinutes} minute${lockedMinutes === 1 ? "" : "s"}.`,
    };
  }
  try {
    await signIn("credentials", { identifier, password, redirectTo: safeCallback(text(raw.callbackUrl)) });
  } catch (err) {
    if (err instanceof AuthError) return { ok: false, status: 401, error: "Wrong username, e-mail or password." };
    throw err;
  }
  return { ok: true, data: null };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin" });
}
