"use client";

import { isServer, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";

let browserClient: QueryClient | undefined;

/**
 * One client per browser tab, shared by every list that mounts a provider, so a key fetched by
 * one (the workspaces, a picker's matches) is served from the same cache to the next. On the
 * server each render gets its own, so one person's answers never reach another's page.
 */
function queryClient(): QueryClient {
  const make = () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } });
  if (isServer) return make();
  return (browserClient ??= make());
}

/**
 * TanStack Query for the subtree of a component that fetches on the client. It wraps only those
 * components (loaded when first needed), not the app: a page that never fetches from the browser
 * never downloads the library.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={queryClient()}>{children}</QueryClientProvider>;
}
