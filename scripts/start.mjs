#!/usr/bin/env node
// Production start: apply migrations, then serve. Never seeds, never creates accounts.
import { serve, tsx } from "./lib.mjs";

if (!process.env.AUTH_SECRET) {
  console.error("AUTH_SECRET is not set: generate one with `openssl rand -base64 32` and export it (see README).");
  process.exit(1);
}
tsx("db/migrate-cli.ts", process.env);
serve(process.env);
