import { z } from "zod";
import { tokenPermission } from "@/db/schema";

export { TOKEN_EXPIRY_CHOICES } from "./form-options";

/** A custom expiry date may be at most this far ahead. */
export const MAX_TOKEN_DAYS = 366;
export const MAX_LIVE_TOKENS = 50;

export const tokenNameSchema = z
  .string({ error: "Enter a name for the token." })
  .trim()
  .min(1, "Enter a name for the token.")
  .max(60, "Token names are at most 60 characters.");

export const tokenPermissionSchema = z.enum(tokenPermission.enumValues, { error: "Choose read, or read and write." });

export const tokenExpirySchema = z.enum(["7", "30", "90", "date", "never"], { error: "Choose when the token expires." });

/** "all" or one workspace's id. */
export const tokenScopeSchema = z.string({ error: "Choose the workspaces the token reaches." }).trim().min(1, "Choose the workspaces the token reaches.").max(64);

/**
 * When a token made now expires: the end of the chosen day (UTC) for a date, null for never.
 * A message (for the expiresOn field) when the date is missing, past or too far ahead.
 */
export function tokenExpiresAt(expiry: z.output<typeof tokenExpirySchema>, expiresOn: string, now = new Date()): Date | null | { error: string } {
  if (expiry === "never") return null;
  if (expiry !== "date") return new Date(now.getTime() + Number(expiry) * 86_400_000);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(expiresOn)) return { error: "Enter the date the token expires." };
  const end = new Date(`${expiresOn}T23:59:59.999Z`);
  if (Number.isNaN(end.getTime())) return { error: "Enter the date the token expires." };
  if (end.getTime() <= now.getTime()) return { error: "The expiry date must be in the future." };
  if (end.getTime() > now.getTime() + MAX_TOKEN_DAYS * 86_400_000) return { error: `A token can last at most ${MAX_TOKEN_DAYS} days.` };
  return end;
}
