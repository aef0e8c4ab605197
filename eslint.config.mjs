import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// What renders must render the same on the server and in the browser, or hydration breaks
// (a form id made with Math.random() once left confirmation buttons submitting nothing).
const sameEverywhere = "Render output must not depend on chance, the clock, or the machine's locale/time zone: use useId, a ref, or lib/format/dates.ts.";
const renderRules = {
  "no-restricted-syntax": [
    "error",
    { selector: "CallExpression[callee.property.name=/^toLocale(Date|Time)?String$/]", message: sameEverywhere },
    { selector: "NewExpression[callee.object.name='Intl']", message: sameEverywhere },
  ],
};

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", ".data/**", "db/migrations/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  { files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"], rules: renderRules },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      ...renderRules,
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: sameEverywhere },
        { object: "Date", property: "now", message: sameEverywhere },
      ],
    },
  },
];
export default config;
