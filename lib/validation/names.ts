import { z } from "zod";
import { PASSWORD_MIN } from "./form-options";

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9_-]{1,38}$/;

// Top-level routes and words a workspace URL must never shadow.
export const RESERVED_NAMES = new Set([
  "settings", "api", "invite", "invitations", "new", "signin", "signup", "signout", "login", "logout",
  "register", "notifications", "organizations", "orgs", "admin", "administrator", "root", "system",
  "static", "public", "assets", "_next", "help", "about", "support", "explore", "dashboard", "account",
  "accounts", "users", "user", "me", "www", "mail", "security", "billing", "audit", "teams", "projects",
  "favicon.ico", "robots.txt", "health", "status", "docs", "verify-email", "forgot-password", "reset-password",
]);

export const slugSchema = (what: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .min(2, `${what} must be at least 2 characters.`)
    .max(39, `${what} must be at most 39 characters.`)
    .regex(
      SLUG_PATTERN,
      `${what} may contain only lower-case letters, numbers, “_” and “-”, and must start with a letter or number.`,
    )
    .refine((s) => !RESERVED_NAMES.has(s), { message: `This ${what.toLowerCase()} is reserved.` });

export const usernameSchema = slugSchema("Username");
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address.")).pipe(z.string().max(254));
export { PASSWORD_MIN };
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters.`)
  .max(128, "Password must be at most 128 characters.");

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
