import { z } from "zod";
import { lineText } from "./text";
import { baselineLevel, projectLevel, projectVisibility } from "@/db/schema";

import { PROJECT_COLOURS } from "./form-options";

export { PROJECT_COLOURS, VISIBILITY_HELP } from "./form-options";

export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 30;

/** "ML, Vision ,ml" → ["ml", "vision"]: lower-case, inner spaces as dashes, no duplicates. */
export function normalizeTags(raw: string): string[] {
  const seen = new Set<string>();
  for (const part of raw.split(",")) {
    const tag = part.trim().toLowerCase().replace(/\s+/g, "-");
    if (tag) seen.add(tag);
  }
  return [...seen];
}

export const projectNameSchema = lineText()
  .min(1, "Enter a project name.")
  .max(80, "Project name must be at most 80 characters.");

// Each field comes twice: the value's rules alone, for a change that names only some fields
// (absent stays absent, so the API's PATCH keeps it), and with the forms' default.
export const projectDescriptionValue = z.string().trim().max(2000, "Description must be at most 2000 characters.");
export const projectDescriptionSchema = projectDescriptionValue.default("");

export const tagsValue = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => normalizeTags(Array.isArray(v) ? v.join(",") : v))
  .refine((tags) => tags.length <= MAX_TAGS, `At most ${MAX_TAGS} tags.`)
  .refine((tags) => tags.every((t) => t.length <= MAX_TAG_LENGTH), `Each tag must be at most ${MAX_TAG_LENGTH} characters.`);
export const tagsSchema = tagsValue.default([]);

export const colourValue = z
  .string()
  .trim()
  .toLowerCase()
  .refine((c) => /^#[0-9a-f]{6}$/.test(c), "Colour must be a hex colour such as #4f46e5.");
export const colourSchema = colourValue.default(PROJECT_COLOURS[0].value);

export const visibilitySchema = z.enum(projectVisibility.enumValues, { error: "Choose who can see the project." });
export const levelSchema = z.enum(projectLevel.enumValues, { error: "Choose read, write or admin." });
export const baselineSchema = z.enum(baselineLevel.enumValues, { error: "Choose none, read, write or admin." });

/** The URL name derived from a project's name: "Churn Model v2!" → "churn-model-v2". */
export function slugifyProjectName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return slug || "project";
}

// Static routes under /<workspace>/ that a project's URL must never shadow.
export const RESERVED_PROJECT_SLUGS = new Set(["new", "settings", "api", "people"]);

/** The first free slug: base, base-2, base-3… among the slugs already taken in the workspace. */
export function pickSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base) && !RESERVED_PROJECT_SLUGS.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** Checkboxes send "on" when ticked and nothing when not. */
export const checkboxSchema = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");
