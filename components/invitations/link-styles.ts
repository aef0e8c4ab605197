// The look of components/ui/button.tsx for links and plain forms in server components, which
// cannot call that client module's buttonClass().
const base = "inline-flex items-center justify-center rounded-md px-3 py-2 text-sm font-medium shadow-sm hover:no-underline";

export const primaryLink = `${base} bg-indigo-600 text-white hover:bg-indigo-700`;
export const secondaryLink = `${base} border border-slate-300 bg-white text-slate-800 hover:bg-slate-100`;
