import { z } from "zod";
import { SLUG_PATTERN, emailSchema, normalizeEmail } from "@/lib/validation/names";

export const MAX_INVITEES = 50;

export type Invitee =
  | { entry: string; kind: "email"; email: string }
  | { entry: string; kind: "username"; username: string };

export type ParsedInvitees = { invitees: Invitee[]; errors: string[] };

/**
 * The invite box: usernames or e-mail addresses separated by commas, semicolons or new lines.
 * Each entry is checked on its own, so one typo is reported next to its own text; an entry
 * given twice counts once.
 */
export function parseInvitees(text: string): ParsedInvitees {
  const entries = text.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean);
  const invitees: Invitee[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (entry.includes("@")) {
      const email = emailSchema.safeParse(entry);
      if (!email.success) {
        errors.push(`“${entry}”: ${z.flattenError(email.error).formErrors[0] ?? "Enter a valid e-mail address."}`);
        continue;
      }
      const key = `e:${normalizeEmail(email.data)}`;
      if (!seen.has(key)) invitees.push({ entry, kind: "email", email: normalizeEmail(email.data) });
      seen.add(key);
    } else {
      const username = entry.replace(/^@/, "").toLowerCase();
      if (!SLUG_PATTERN.test(username)) {
        errors.push(`“${entry}”: not a valid username or e-mail address.`);
        continue;
      }
      const key = `u:${username}`;
      if (!seen.has(key)) invitees.push({ entry, kind: "username", username });
      seen.add(key);
    }
  }
  return { invitees, errors };
}
