import { AsyncLocalStorage } from "node:async_hooks";

const scoped = new AsyncLocalStorage<string>();
let counter = 0;

/** Run fn as requests from this client address (X-Forwarded-For), e.g. to test per-address limits. */
export function fromAddress<T>(address: string, fn: () => Promise<T>): Promise<T> {
  return scoped.run(address, fn);
}

/** The headers a request under test carries: a fresh address each time unless fromAddress says. */
export function testHeaders(): Headers {
  counter += 1;
  return new Headers({ "x-forwarded-for": scoped.getStore() ?? `198.51.100.${counter % 250}-${process.pid}-${counter}`, "user-agent": "vitest" });
}
