/** How long the links e-mailed to a user's address stay valid (README: configuration). */
function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function emailTokenTtlMs(purpose: "verify_email" | "reset_password", env: NodeJS.ProcessEnv = process.env): number {
  return purpose === "verify_email"
    ? positive(env.EMAIL_VERIFICATION_TTL_HOURS, 24) * 3600_000
    : positive(env.PASSWORD_RESET_TTL_MINUTES, 60) * 60_000;
}
