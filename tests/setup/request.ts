import { AsyncLocalStorage } from "node:async_hooks";

/**
 * A browser as the server sees it: a client address, a user agent and a cookie jar that
 * Auth.js's sign-in and sign-out write to through `cookies()` and read back through `headers()`.
 */
export interface TestBrowser {
  address: string;
  userAgent: string;
  cookies: Map<string, string>;
}

const scoped = new AsyncLocalStorage<TestBrowser>();
let counter = 0;

export function newBrowser(opts: Partial<Omit<TestBrowser, "cookies">> & { cookies?: Map<string, string> } = {}): TestBrowser {
  counter += 1;
  return {
    address: opts.address ?? `198.51.100.${counter % 250}-${process.pid}-${counter}`,
    userAgent: opts.userAgent ?? "vitest",
    cookies: new Map(opts.cookies ?? []),
  };
}

/** Run fn as requests from this browser. */
export function inBrowser<T>(browser: TestBrowser, fn: () => Promise<T>): Promise<T> {
  return scoped.run(browser, fn);
}

/** Run fn as requests from this client address (X-Forwarded-For), e.g. to test per-address limits. */
export function fromAddress<T>(address: string, fn: () => Promise<T>): Promise<T> {
  return inBrowser(newBrowser({ address }), fn);
}

/** The headers a request under test carries: a fresh browser each time unless one is in scope. */
export function testHeaders(): Headers {
  const browser = scoped.getStore() ?? newBrowser();
  const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  return new Headers({
    host: "localhost:3000",
    "x-forwarded-proto": "http",
    "x-forwarded-for": browser.address,
    "user-agent": browser.userAgent,
    ...(cookie ? { cookie } : {}),
  });
}

/** The part of Next's cookie store that Auth.js uses, backed by the browser in scope. */
export function testCookies() {
  const jar = scoped.getStore()?.cookies ?? new Map<string, string>();
  return {
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.has(name),
    set(name: string, value: string, options?: { maxAge?: number; expires?: Date | number }) {
      const expired = options?.maxAge === 0 || (options?.expires !== undefined && new Date(options.expires).getTime() <= Date.now());
      if (expired || value === "") jar.delete(name);
      else jar.set(name, value);
    },
    delete: (name: string) => jar.delete(name),
  };
}
