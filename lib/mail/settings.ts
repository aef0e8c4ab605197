/**
 * Mail configuration from the environment. No "server-only" import: the outbox sender also runs
 * from instrumentation.ts and from the one-shot CLI, outside React's server graph.
 */
export interface MailSettings {
  /** Unset: messages wait in the outbox and inviters copy links by hand. */
  smtpUrl: string | null;
  from: string;
  /** After this many tries a message is marked failed and left for an operator. */
  maxAttempts: number;
  pollMs: number;
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function mailSettings(env: NodeJS.ProcessEnv = process.env): MailSettings {
  return {
    smtpUrl: env.SMTP_URL?.trim() || null,
    from: env.MAIL_FROM?.trim() || "Workbench <no-reply@workbench.localhost>",
    maxAttempts: Math.floor(positive(env.MAIL_MAX_ATTEMPTS, 8)),
    pollMs: positive(env.MAIL_POLL_SECONDS, 5) * 1000,
  };
}

/** Absolute links come from configuration, never from the request's Host header. */
export function appBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.APP_BASE_URL?.trim() || `http://localhost:${env.PORT || 3000}`;
}
