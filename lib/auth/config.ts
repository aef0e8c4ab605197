import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { signInWithPassword } from "./credentials";
import { sameOriginPath } from "./safe-redirect";
import { endSession, SESSION_MAX_AGE_SECONDS } from "./sessions";
import { addressFromHeaders } from "./throttle";
import { lineText, stripControls } from "@/lib/validation/text";

declare module "next-auth" {
  interface Session {
    /** The server-side session row this cookie stands for (see lib/auth/sessions.ts). */
    sessionId?: string;
  }
  interface User {
    sessionId?: string;
  }
}

const SignInInput = z.object({ identifier: lineText().min(1).max(254), password: z.string().overwrite(stripControls).min(1).max(128) });

/** Too many attempts: the sign-in form says when to come back (the same for every name). */
export class SignInThrottled extends CredentialsSignin {
  code = "throttled";
  constructor(readonly retryMessage: string) {
    super(retryMessage);
  }
}

// The token carries only ids (the user and the server-side session row), never roles: the
// session row and the roles are read from the database on every request.
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  // A wrong password is an answer, not an error worth a stack trace in the server log.
  logger: {
    error(error) {
      if ((error as { type?: string }).type !== "CredentialsSignin") console.error(error);
    },
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin" },
  providers: [
    Credentials({
      credentials: { identifier: { label: "Username or e-mail" }, password: { label: "Password", type: "password" } },
      // Both the sign-in form (through signIn()) and a direct POST to Auth.js's callback end here.
      async authorize(raw, request) {
        const parsed = SignInInput.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();
        const result = await signInWithPassword(parsed.data.identifier, parsed.data.password, {
          ip: addressFromHeaders(request.headers),
          userAgent: request.headers.get("user-agent"),
        });
        if (!result.ok) throw result.reason === "throttled" ? new SignInThrottled(result.message) : new CredentialsSignin();
        return { id: result.userId, sessionId: "sessionId" in result ? result.sessionId : undefined };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sid = user.sessionId;
      }
      return { sub: token.sub, sid: token.sid, iat: token.iat, exp: token.exp, jti: token.jti };
    },
    session({ session, token }) {
      const sessionId = typeof token.sid === "string" ? token.sid : undefined;
      return { expires: session.expires, user: { id: token.sub! }, sessionId } as unknown as typeof session;
    },
    // Auth.js's own redirects (its sign-in and sign-out endpoints) obey the same rule as ours.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${sameOriginPath(url, baseUrl)}`;
    },
  },
  events: {
    // Sign-out ends the session on the server: the cookie alone is worth nothing afterwards.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (typeof token?.sub === "string" && typeof token.sid === "string") {
        await endSession(await getDb(), token.sub, token.sid);
      }
    },
  },
});
