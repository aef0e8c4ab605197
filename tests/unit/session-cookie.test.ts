import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { claimsFromCookie, usesSecureCookie } from "@/lib/auth/session-cookie";

// Cookies are made the way Auth.js makes them at sign-in (its own encode, its cookie names).
const ENV = { AUTH_SECRET: "session-cookie-test-secret" };
const USER = "6f1c2b1e-4d1a-4c39-8f3e-0a6a1d2b3c4d";
const SESSION = "0d9e8f7a-6b5c-4d3e-9f1a-2b3c4d5e6f70";

async function cookie(opts: { secure?: boolean; secret?: string; maxAge?: number; sid?: string } = {}) {
  const name = opts.secure ? "__Secure-authjs.session-token" : "authjs.session-token";
  const token = await encode({ token: { sub: USER, sid: opts.sid ?? SESSION }, secret: opts.secret ?? ENV.AUTH_SECRET, salt: name, maxAge: opts.maxAge ?? 3600 });
  return `theme=dark; ${name}=${token}`;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the session cookie", () => {
  it("gives the user and session ids it was written with", async () => {
    expect(await claimsFromCookie(await cookie(), false, ENV)).toEqual({ userId: USER, sessionId: SESSION });
  });

  it("is read under its __Secure- name on an https site, and only there", async () => {
    const secure = await cookie({ secure: true, sid: "1d9e8f7a-6b5c-4d3e-9f1a-2b3c4d5e6f70" });
    expect(await claimsFromCookie(secure, true, ENV)).toEqual({ userId: USER, sessionId: "1d9e8f7a-6b5c-4d3e-9f1a-2b3c4d5e6f70" });
    expect(await claimsFromCookie(secure, false, ENV)).toBeNull();
    expect(await claimsFromCookie(await cookie(), true, ENV)).toBeNull();
  });

  it("is nobody when missing, forged with another secret, or carried in a header other than Cookie", async () => {
    expect(await claimsFromCookie(null, false, ENV)).toBeNull();
    expect(await claimsFromCookie("theme=dark", false, ENV)).toBeNull();
    expect(await claimsFromCookie(await cookie({ secret: "some-other-secret", sid: "2d9e8f7a-6b5c-4d3e-9f1a-2b3c4d5e6f70" }), false, ENV)).toBeNull();
    expect(await claimsFromCookie("authjs.session-token=not-a-token", false, ENV)).toBeNull();
  });

  it("is nobody once expired, even after it was read while valid", async () => {
    expect(await claimsFromCookie(await cookie({ maxAge: -60, sid: "3d9e8f7a-6b5c-4d3e-9f1a-2b3c4d5e6f70" }), false, ENV)).toBeNull();
    const soon = await cookie({ maxAge: 60, sid: "4d9e8f7a-6b5c-4d3e-9f1a-2b3c4d5e6f70" });
    expect(await claimsFromCookie(soon, false, ENV)).toEqual({ userId: USER, sessionId: "4d9e8f7a-6b5c-4d3e-9f1a-2b3c4d5e6f70" });
    vi.useFakeTimers({ now: Date.now() + 2 * 60_000, toFake: ["Date"] });
    expect(await claimsFromCookie(soon, false, ENV)).toBeNull();
  });

  it("is read with a rotated-out secret still listed in AUTH_SECRET_1", async () => {
    const rotated = { AUTH_SECRET: "the-new-secret", AUTH_SECRET_1: ENV.AUTH_SECRET };
    const old = await cookie({ sid: "5d9e8f7a-6b5c-4d3e-9f1a-2b3c4d5e6f70" });
    expect(await claimsFromCookie(old, false, rotated)).toEqual({ userId: USER, sessionId: "5d9e8f7a-6b5c-4d3e-9f1a-2b3c4d5e6f70" });
  });
});

describe("the secure cookie name", () => {
  it("follows AUTH_URL when set, else the protocol the request came in by", () => {
    expect(usesSecureCookie("http", { AUTH_URL: "https://workbench.example" })).toBe(true);
    expect(usesSecureCookie("https", { AUTH_URL: "http://localhost:3000" })).toBe(false);
    expect(usesSecureCookie("http", {})).toBe(false);
    expect(usesSecureCookie("https", {})).toBe(true);
  });
});
