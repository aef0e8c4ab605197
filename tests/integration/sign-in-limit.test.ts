import { describe, expect, it } from "vitest";
import { createAccount } from "@/lib/actions/sign-up";
import { signInAction } from "@/lib/actions/sign-in";
import { checkCredentials } from "@/lib/auth/credentials";
import { SIGN_IN_MAX_FAILURES } from "@/lib/auth/sign-in-limit";
import { unique } from "../factories";

const PASSWORD = "the-right-password";

async function account() {
  const username = unique("lock");
  const result = await createAccount(null, { username, email: `${username}@example.test`, password: PASSWORD });
  if (!result.ok) throw new Error(result.error);
  return { username, id: (result.data as { id: string }).id };
}

describe("failed sign-ins", () => {
  it("lock the account name after too many failures, even for the right password, and only that name", async () => {
    const victim = await account();
    const bystander = await account();
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) expect(await checkCredentials(victim.username, `guess-${i}`)).toBeNull();
    expect(await checkCredentials(victim.username, PASSWORD)).toBeNull();
    expect(await checkCredentials(victim.username.toUpperCase(), PASSWORD)).toBeNull();
    expect(await checkCredentials(bystander.username, PASSWORD)).toBe(bystander.id);

    const form = new FormData();
    form.set("identifier", victim.username);
    form.set("password", PASSWORD);
    const answer = await signInAction(null, form);
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.status).toBe(429);
      expect(answer.error).toMatch(/Too many failed sign-ins for this account\. Try again in 1[45] minutes\./);
    }
  });

  it("forget earlier failures after a successful sign-in", async () => {
    const user = await account();
    for (let i = 0; i < SIGN_IN_MAX_FAILURES - 1; i++) await checkCredentials(user.username, "wrong");
    expect(await checkCredentials(user.username, PASSWORD)).toBe(user.id);
    for (let i = 0; i < SIGN_IN_MAX_FAILURES - 1; i++) await checkCredentials(user.username, "wrong");
    expect(await checkCredentials(user.username, PASSWORD)).toBe(user.id);
  });
});
