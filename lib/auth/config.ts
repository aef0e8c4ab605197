import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { lineText, stripControls } from "@/lib/validation/text";
import { checkCredentials } from "./credentials";

const SignInInput = z.object({ identifier: lineText().min(1).max(254), password: z.string().overwrite(stripControls).min(1).max(128) });

// The token carries only the user id: roles are read from the database on every request.
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  // A wrong password is an answer, not an error worth a stack trace in the server log.
  logger: {
    error(error) {
      if ((error as { type?: string }).type !== "CredentialsSignin") console.error(error);
    },
  },
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    Credentials({
      credentials: { identifier: { label: "Username or e-mail" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = SignInInput.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();
        const id = await checkCredentials(parsed.data.identifier, parsed.data.password);
        if (!id) throw new CredentialsSignin();
        return { id };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return { sub: token.sub, iat: token.iat, exp: token.exp, jti: token.jti };
    },
    session({ session, token }) {
      return { expires: session.expires, user: { id: token.sub! } } as typeof session;
    },
  },
});
