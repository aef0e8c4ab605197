// What the forms offer and the limits they state, shared by the client forms and the server
// schemas. No imports on purpose: a client component that imported these from the schema modules
// pulled zod and the drizzle schema into the browser bundle of every page showing the form.

export const PASSWORD_MIN = 8;

export const PROJECT_COLOURS = [
  { value: "#4f46e5", label: "Indigo" },
  { value: "#0891b2", label: "Cyan" },
  { value: "#16a34a", label: "Green" },
  { value: "#d97706", label: "Amber" },
  { value: "#dc2626", label: "Red" },
  { value: "#9333ea", label: "Purple" },
  { value: "#475569", label: "Slate" },
] as const;

export const VISIBILITY_HELP = {
  private: "Only people and teams you add, plus the organization's owner and admins.",
  organization: "Every member of the organization gets the organization's baseline permission; grants can raise it.",
  public: "As organization, and anyone on the internet, even signed out, can view it read-only.",
} as const;

export const TOKEN_EXPIRY_CHOICES = [
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "date", label: "On a date" },
  { value: "never", label: "Never" },
] as const;
