import Papa from "papaparse";
import { seededRandom } from "./random";

export const CHURN_COLUMNS = ["membership_months", "visits_per_week", "age", "plan", "churned"] as const;
const PLANS = ["basic", "standard", "premium"] as const;

/**
 * Greg's Gyms members, made up but shaped like the churn example: people who come rarely, joined
 * recently or pay for the basic plan cancel more often. Seeded, so every run writes the same file.
 */
export function churnRows(count = 500, seed = 2026): (string | number)[][] {
  const random = seededRandom(seed);
  const rows: (string | number)[][] = [];
  for (let i = 0; i < count; i++) {
    const months = 1 + Math.floor(random() * 48);
    const visits = Math.round(random() * 60) / 10;
    const age = 18 + Math.floor(random() * 50);
    const plan = PLANS[Math.floor(random() * (random() < 0.2 ? 3 : 2.4))];
    let risk = 0.3;
    if (visits < 1.5) risk += 0.55;
    else if (visits > 3) risk -= 0.25;
    if (months < 6) risk += 0.4;
    else if (months > 24) risk -= 0.15;
    if (plan === "premium") risk -= 0.15;
    if (age > 55) risk += 0.05;
    const churned = random() < Math.min(0.95, Math.max(0.04, risk)) ? "yes" : "no";
    rows.push([months, visits, age, plan, churned]);
  }
  return rows;
}

export function churnCsv(count = 500, seed = 2026): string {
  return Papa.unparse({ fields: [...CHURN_COLUMNS], data: churnRows(count, seed) }, { newline: "\n" });
}
