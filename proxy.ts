import { NextResponse, type NextRequest } from "next/server";

// Pages need their own path to send a signed-out visitor to sign-in and back again.
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!_next/|api/|favicon.ico|icon.svg).*)"] };
