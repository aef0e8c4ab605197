import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { newToken } from "@/lib/crypto/link-token";
import { openToken, sealToken } from "@/lib/crypto/sealed-token";
import { TOKEN_SLOT } from "@/lib/mail/link-slot";
import { enqueueEmail } from "@/lib/mail/outbox";
import { deliverDue } from "@/lib/mail/sender";
import { db, unique } from "../factories";
import type { Delivered } from "./invitations-helpers";

async function row(id: string) {
  const [r] = await rows<{ status: string; text: string; sealed_token: string | null; last_error: string | null }>(
    await db(),
    sql`select status, text, sealed_token, last_error from email_outbox where id = ${id}::uuid`,
  );
  return r;
}

function capture() {
  const sent: Delivered[] = [];
  return { sent, transport: { sendMail: async (m: Delivered) => { sent.push(m); return {}; } } };
}

const failing = { sendMail: async () => { throw new Error("450 mailbox busy"); } };

beforeEach(async () => {
  // Each test delivers only its own messages.
  await (await db()).execute(sql`update email_outbox set status = 'sent' where status = 'pending'`);
});

describe("sealed link tokens", () => {
  it("open only with the same secret, for the same row, unaltered", () => {
    const { token } = newToken();
    const env = { AUTH_SECRET: "one secret" } as unknown as NodeJS.ProcessEnv;
    const sealed = sealToken(token, "row-1", env);
    expect(sealed).not.toContain(token);
    expect(openToken(sealed, "row-1", env)).toBe(token);
    expect(openToken(sealed, "row-1", { AUTH_SECRET: "another secret" } as unknown as NodeJS.ProcessEnv)).toBeNull();
    expect(openToken(sealed, "row-2", env)).toBeNull();
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === "A" ? "B" : "A") + sealed.at(-1);
    expect(openToken(flipped, "row-1", env)).toBeNull();
  });

  it("the link is filled in at send time and the seal is dropped once sent", async () => {
    const to = `${unique("s")}@example.test`;
    const { token } = newToken();
    const id = await enqueueEmail(await db(), { to, subject: "Link", text: `Open http://localhost:3000/x/${TOKEN_SLOT}` }, { token });
    const queued = await row(id);
    expect(queued.text).toBe(`Open http://localhost:3000/x/${TOKEN_SLOT}`);
    expect(queued.sealed_token).toMatch(/^v1\./);
    const { sent, transport } = capture();
    await deliverDue(await db(), { transport: transport as never, from: "x@example.test", maxAttempts: 3 });
    expect(sent.map((m) => m.text)).toEqual([`Open http://localhost:3000/x/${token}`]);
    expect(await row(id)).toMatchObject({ status: "sent", sealed_token: null, text: `Open http://localhost:3000/x/${TOKEN_SLOT}` });
  });

  it("keeps the seal while retrying and drops it when giving up", async () => {
    const to = `${unique("g")}@example.test`;
    const id = await enqueueEmail(await db(), { to, subject: "Link", text: `x ${TOKEN_SLOT}` }, { token: newToken().token });
    await deliverDue(await db(), { transport: failing as never, from: "x@example.test", maxAttempts: 2 });
    expect((await row(id)).sealed_token).not.toBeNull();
    await (await db()).execute(sql`update email_outbox set next_attempt_at = now() where id = ${id}::uuid`);
    await deliverDue(await db(), { transport: failing as never, from: "x@example.test", maxAttempts: 2 });
    expect(await row(id)).toMatchObject({ status: "failed", sealed_token: null });
  });

  it("a seal made under another AUTH_SECRET is never sent as a broken link", async () => {
    const to = `${unique("r")}@example.test`;
    const id = await enqueueEmail(await db(), { to, subject: "Link", text: `x ${TOKEN_SLOT}` }, { token: newToken().token });
    const before = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = "a rotated secret";
    try {
      const { sent, transport } = capture();
      expect(await deliverDue(await db(), { transport: transport as never, from: "x@example.test", maxAttempts: 3 })).toEqual({ sent: 0, retrying: 0, failed: 1 });
      expect(sent).toEqual([]);
    } finally {
      process.env.AUTH_SECRET = before;
    }
    const after = await row(id);
    expect(after).toMatchObject({ status: "failed", sealed_token: null });
    expect(after.last_error).toMatch(/cannot be opened with this AUTH_SECRET/);
  });

  it("refuses to queue a token its text would not show", async () => {
    await expect(enqueueEmail(await db(), { to: "a@example.test", subject: "s", text: "no slot" }, { token: newToken().token })).rejects.toThrow(/no token slot/);
  });
});
