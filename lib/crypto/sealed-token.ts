import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Link tokens waiting in the outbox are sealed (AES-256-GCM) under a key derived from
 * AUTH_SECRET, so a copy of the database alone holds no working link. The row id is bound in as
 * associated data: a sealed token moved to another row does not open.
 *
 * No "server-only" import: the outbox sender also runs from instrumentation.ts and the CLI.
 */
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

function key(env: NodeJS.ProcessEnv): Buffer {
  const secret = env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: links in e-mails cannot be sealed or opened without it.");
  return Buffer.from(hkdfSync("sha256", secret, "workbench", "email-outbox link token", 32));
}

export function sealToken(token: string, boundTo: string, env: NodeJS.ProcessEnv = process.env): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key(env), iv);
  cipher.setAAD(Buffer.from(boundTo));
  const body = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The token, or null when the seal was made under another secret, for another row, or altered. */
export function openToken(sealed: string, boundTo: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const [version, data] = sealed.split(".");
  if (version !== VERSION || !data) return null;
  const raw = Buffer.from(data, "base64url");
  if (raw.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(env), raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
