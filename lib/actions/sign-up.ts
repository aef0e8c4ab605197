"use server";

import { z } from "zod";
import { signIn } from "@/lib/auth/config";
import { hashPassword } from "@/lib/auth/password";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { clientAddress, limitFromEnv, takeAttempt } from "@/lib/auth/throttle";
import { emailTaken, insertUserWithWorkspace, usernameOrSlugTaken } from "@/lib/data/users";
import { emailSchema, passwordSchema, usernameSchema } from "@/lib/validation/names";
import { sendVerificationEmail } from "./account/verification-mail";
import { ActionError, type ActionResult } from "./result";
import { formToObject, publicAction } from "./safe-action";

const SignUpInput = z.object({
  username: usernameSchema,
  email: emailSchema,
  password: passwordSchema,
  callbackUrl: z.string().optional(),
});

// New accounts per client address per hour: enough for an office behind one address, too few
// to mass-produce accounts.
const SIGN_UPS_PER_ADDRESS = limitFromEnv("SIGN_UP_MAX_PER_ADDRESS", 20);

async function countSignUp() {
  return takeAttempt([{ key: `signup-addr:${await clientAddress()}`, max: SIGN_UPS_PER_ADDRESS, windowSeconds: 60 * 60 }]);
}

export const createAccount = publicAction(SignUpInput, async (input, { tx }) => {
  const [nameTaken, mailTaken] = await Promise.all([usernameOrSlugTaken(tx, input.username), emailTaken(tx, input.email)]);
  if (nameTaken || mailTaken) {
    throw new ActionError("Please correct the highlighted fields.", 409, {
      username: nameTaken ? ["This username is already taken."] : undefined,
      email: mailTaken ? ["An account with this e-mail already exists. Sign in instead."] : undefined,
    });
  }
  const user = await insertUserWithWorkspace(tx, {
    username: input.username,
    email: input.email,
    passwordHash: await hashPassword(input.password),
  });
  await sendVerificationEmail(tx, user, input.email, { newAddress: false });
  return { id: user.id };
}, { throttle: countSignUp });

export async function signUpAction(prev: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  const result = await createAccount(prev, formData);
  if (!result.ok) return result;
  const raw = formToObject(formData);
  // Throws Next's redirect: the new user lands where they were going, or in their workspace.
  await signIn("credentials", {
    identifier: String(raw.username),
    password: String(raw.password),
    redirectTo: safeRedirectPath(raw.callbackUrl),
  });
  return result;
}
