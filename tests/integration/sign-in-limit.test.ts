import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { createAccount } from "@/lib/actions/sign-up";
import { checkCredentials, type CredentialCheck } from "@/lib/auth/credentials";
import { SIGN_IN_MAX_FAILURES, SIGN_IN_MAX_PER_ADDRESS } from "@/lib/auth/sign-in-limit";
import { db, unique } from "../factories";

const PASSWORD = "the-right-password";
const LOCKED = /^Too many attempts\. Try again in 1[45] minutes\.$/;

async function account() {
  const username = unique("lock");
  const email = `${username}@example.test`;
  const result = await createAccount(null, { username, email, password: PASSWORD });
  if (!result.ok) throw new Error(result.error);
  return { username, email, id: (result.data as { id: string }).id };
}

let addressCounter = 0;
/** A fresh client address, so only the account's own limit is in play. */
const anyAddress = () => `192.0.2.${++addressCounter}`;

const throttled = (r: CredentialCheck) => !r.ok && r.reason === "throttled";

describe("sign-in throttling", () => {
  it("counts concurrent attempts before checking: of 40 wrong passwords and then the right one, only the limit is checked and the right one is refused", async () => {
    expect(SIGN_IN_MAX_FAILURES).toBe(10);
    const victim = await account();
    const finished: string[] = [];
    const attempt = (name: string, password: string, label: string) =>
      checkCredentials(name, password, anyAddress()).then((r) => {
        finished.push(`${label}:${r.ok ? "ok" : r.reason}`);
        return r;
      });
    // Half by username, half by e-mail: one account, one bucket.
    const wrong = Array.from({ length: 40 }, (_, i) => attempt(i % 2 ? victim.email : victim.username, `guess-${i}`, `wrong${i}`));
    const right = attempt(victim.email.toUpperCase(), PASSWORD, "right");
    const answers = await Promise.all([...wrong, right]);

    const checked = answers.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(checked).toBe(10);
    expect(answers.filter(throttled).length).toBe(31);
    expect(answers[40]).toMatchObject({ ok: false, reason: "throttled" });
    expect((answers[40] as { message: string }).message).toMatch(LOCKED);
    // The attempts really overlapped: refusals came back while checked passwords were still
    // being hashed, and every one of the 41 was counted in the one bucket.
    const firstRefusal = finished.findIndex((f) => f.endsWith(":throttled"));
    const lastChecked = finished.map((f) => f.endsWith(":invalid")).lastIndexOf(true);
    expect(firstRefusal).toBeLessThan(lastChecked);
    const [bucket] = await rows<{ count: number }>(await db(), sql`select count from rate_limits where key = ${"signin:" + victim.id}`);
    expect(Number(bucket.count)).toBe(41);
  });

  it("shares one limit between the username and the e-mail, says when to retry, and leaves other accounts alone", async () => {
    const victim = await account();
    const bystander = await account();
    for (let i = 0; i < SIGN_IN_MAX_FAILURES / 2; i++) {
      expect(await checkCredentials(victim.username, `guess-${i}`, anyAddress())).toEqual({ ok: false, reason: "invalid" });
      expect(await checkCredentials(victim.email, `guess-${i}`, anyAddress())).toEqual({ ok: false, reason: "invalid" });
    }
    const refused = await checkCredentials(victim.email, PASSWORD, anyAddress());
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });
    expect((refused as { message: string }).message).toMatch(LOCKED);
    expect(await checkCredentials(victim.username.toUpperCase(), PASSWORD, anyAddress())).toMatchObject({ ok: false, reason: "throttled" });
    // Positive control: the same right password works for an account under the limit.
    expect(await checkCredentials(bystander.email, PASSWORD, anyAddress())).toEqual({ ok: true, userId: bystander.id });
  });

  it("limits an unknown name exactly like a known one, with the same answers", async () => {
    const known = await account();
    const unknown = unique("ghost");
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) {
      expect(await checkCredentials(unknown, `guess-${i}`, anyAddress())).toEqual({ ok: false, reason: "invalid" });
      expect(await checkCredentials(known.username, `guess-${i}`, anyAddress())).toEqual({ ok: false, reason: "invalid" });
    }
    const forUnknown = await checkCredentials(unknown.toUpperCase(), PASSWORD, anyAddress());
    const forKnown = await checkCredentials(known.username, PASSWORD, anyAddress());
    expect(forUnknown).toMatchObject({ ok: false, reason: "throttled" });
    expect(forKnown).toMatchObject({ ok: false, reason: "throttled" });
    expect((forUnknown as { message: string }).message).toBe((forKnown as { message: string }).message);
  });

  it("takes as long for an unknown name as for a known one (a hash is verified either way)", async () => {
    const known = await account();
    const median = async (name: string) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        await checkCredentials(name, `guess-${i}`, anyAddress());
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[2];
    };
    const knownMs = await median(known.username);
    const unknownMs = await median(unique("ghost"));
    // Skipping the hash makes unknown names answer in about a millisecond against tens for a hash.
    expect(unknownMs).toBeGreaterThan(knownMs * 0.5);
    expect(unknownMs).toBeLessThan(knownMs * 2);
  });

  it("limits failures per client address across accounts, and not other addresses", async () => {
    const address = "198.51.100.77";
    const fresh = await account();
    const guesses = Array.from({ length: SIGN_IN_MAX_PER_ADDRESS }, () => checkCredentials(unique("spray"), "password1", address));
    expect((await Promise.all(guesses)).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    const refused = await checkCredentials(fresh.username, PASSWORD, address);
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });
    expect((refused as { message: string }).message).toMatch(LOCKED);
    // Positive control: the same account and password from another address.
    expect(await checkCredentials(fresh.username, PASSWORD, anyAddress())).toEqual({ ok: true, userId: fresh.id });
  });

  it("forgets an account's earlier failures after a successful sign-in", async () => {
    const user = await account();
    for (let i = 0; i < SIGN_IN_MAX_FAILURES - 1; i++) await checkCredentials(user.username, "wrong", anyAddress());
    expect(await checkCredentials(user.username, PASSWORD, anyAddress())).toEqual({ ok: true, userId: user.id });
    for (let i = 0; i < SIGN_IN_MAX_FAILURES - 1; i++) await checkCredentials(user.username, "wrong", anyAddress());
    expect(await checkCredentials(user.username, PASSWORD, anyAddress())).toEqual({ ok: true, userId: user.id });
  });
});
