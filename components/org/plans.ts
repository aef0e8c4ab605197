export const PLAN_LABELS = { free: "Free", team: "Team", enterprise: "Enterprise" } as const;
