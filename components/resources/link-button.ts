// components/ui/button.tsx is a client module, so server components cannot call its buttonClass;
// these are the same looks for links and plain buttons rendered on the server.
const base = "inline-flex items-center justify-center rounded-md px-3 py-2 text-sm font-medium shadow-sm hover:no-underline";

export const linkButton = {
  primary: `${base} bg-indigo-600 text-white hover:bg-indigo-700 hover:text-white`,
  secondary: `${base} border border-slate-300 bg-white text-slate-800 hover:bg-slate-100`,
} as const;
