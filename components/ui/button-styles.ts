// Plain data, not a client module, so server components can style links and buttons the same way.
const styles = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-700 hover:text-white disabled:bg-indigo-300",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 disabled:text-slate-400",
  danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-300",
} as const;

export type ButtonVariant = keyof typeof styles;

export function buttonClass(variant: ButtonVariant = "primary") {
  return `inline-flex items-center justify-center rounded-md px-3 py-2 text-sm font-medium shadow-sm hover:no-underline disabled:cursor-not-allowed ${styles[variant]}`;
}

export const linkButton = { primary: buttonClass("primary"), secondary: buttonClass("secondary") } as const;
