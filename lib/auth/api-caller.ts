import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Who is calling through /api/v1: the browser session, or a personal access token. Kept in
 * async-local storage for the length of one API request, so the server actions' wrapper reads it
 * without a parameter a browser could forge (server actions take their arguments from the client).
 */
export type ApiCaller = { kind: "session" } | { kind: "token"; tokenId: string };

const store = new AsyncLocalStorage<ApiCaller>();

export function runAsApiCaller<T>(caller: ApiCaller, fn: () => Promise<T>): Promise<T> {
  return store.run(caller, fn);
}

/** The API caller of this request; undefined for pages and server actions posted by the browser. */
export function currentApiCaller(): ApiCaller | undefined {
  return store.getStore();
}
