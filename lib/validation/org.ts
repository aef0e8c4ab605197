import { z } from "zod";
import { plan } from "@/db/schema";
import { emailSchema, slugSchema } from "./names";
import { lineText } from "./text";

export const orgSlugSchema = slugSchema("Organization URL name");
export const displayNameSchema = lineText().min(1, "Enter a display name.").max(100, "Display name must be at most 100 characters.");
export const descriptionSchema = z.string().trim().max(1000, "Description must be at most 1000 characters.").default("");
export const billingDetailsSchema = z.string().trim().max(2000, "Billing details must be at most 2000 characters.").default("");
export const seatsSchema = z.coerce
  .number({ error: "Enter a number of seats." })
  .int("Seats must be a whole number.")
  .min(0, "Seats cannot be negative.")
  .max(10000, "For more than 10,000 seats, contact sales.");
export const planSchema = z.enum(plan.enumValues, { error: "Choose a plan." });
export const contactEmailSchema = emailSchema;

/** The org slug every org-scoped form carries, so the wrapper can find and lock the org. */
export const orgRef = { org: lineText().min(1).max(64) };

export const teamNameSchema = lineText().min(1, "Enter a team name.").max(60, "Team names are at most 60 characters.");
