import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/** Greg's Gyms members, generated here: rare visitors who joined recently tend to cancel. */
export function churnCsv(count = 300): string {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const plans = ["basic", "standard", "premium"];
  const lines = ["membership_months,visits_per_week,age,plan,churned"];
  for (let i = 0; i < count; i++) {
    const months = 1 + Math.floor(random() * 48);
    const visits = Math.round(random() * 60) / 10;
    const age = 18 + Math.floor(random() * 50);
    const plan = plans[Math.floor(random() * 3)];
    let risk = 0.3 + (visits < 1.5 ? 0.55 : visits > 3 ? -0.25 : 0) + (months < 6 ? 0.4 : months > 24 ? -0.15 : 0);
    risk = Math.min(0.95, Math.max(0.04, risk));
    lines.push([months, visits, age, plan, random() < risk ? "yes" : "no"].join(","));
  }
  return lines.join("\n") + "\n";
}

/** Fills the model's predict form with a member likely to cancel, and reads the answer. */
export async function predictRiskyMember(page: Page) {
  const form = page.getByRole("form", { name: "Predict" });
  await form.getByLabel("membership_months").fill("2");
  await form.getByLabel("visits_per_week").fill("0.5");
  await form.getByLabel("age").fill("30");
  await form.getByLabel("plan").selectOption("basic");
  await form.getByRole("button", { name: "Predict churned" }).click();
  await expect(form.getByRole("status")).toContainText(/Prediction: churned = (yes|no) with confidence \d+(\.\d)?%/);
}
