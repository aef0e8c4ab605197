import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";

const BASE = "https://workbench.example";

// Each value is written as it arrives in the query string, already decoded once by the server.
const HOSTILE: [string, string][] = [
  ["/\t/evil.test/phish", "/"],
  ["/%09/evil.test/phish", "/"],
  ["/\r\n/evil.test", "/"],
  ["/ok\r\nSet-Cookie: a=b", "/"],
  ["/%0d%0aSet-Cookie:%20a=b", "/"],
  ["/%250D%250Aevil", "/"],
  ["//evil.test", "/"],
  ["///evil.test", "/"],
  ["/\\evil.test", "/"],
  ["/\\/evil.test", "/"],
  ["\\\\evil.test", "/"],
  ["/%5C%5Cevil.test", "/"],
  ["/%2F%2Fevil.test", "/"],
  ["%2F%2Fevil.test", "/"],
  ["/.//evil.test", "/"],
  ["/..//evil.test", "/"],
  ["https://evil.test/", "/"],
  ["https:/evil.test", "/"],
  ["http:evil.test", "/"],
  ["javascript:alert(1)", "/"],
  ["JaVaScRiPt:alert(1)", "/"],
  ["data:text/html,<script>alert(1)</script>", "/"],
  [" //evil.test", "/"],
  ["\u0000/evil.test", "/"],
  ["/\u0085evil", "/"],
  ["/%", "/"],
  ["", "/"],
];

const KEPT: [string, string][] = [
  ["/", "/"],
  ["/gregs_gyms", "/gregs_gyms"],
  ["/gregs_gyms/churn?tab=runs#top", "/gregs_gyms/churn?tab=runs#top"],
  ["/invite/abc123", "/invite/abc123"],
  // Non-Latin-1 characters are percent-encoded, so the answer is always a valid Location header.
  ["/über/日本", "/%C3%BCber/%E6%97%A5%E6%9C%AC"],
  ["/search?q=ü", "/search?q=%C3%BC"],
  ["/a/../b", "/b"],
];

describe("safeRedirectPath", () => {
  it.each(HOSTILE)("sends %j home", (value, expected) => {
    expect(safeRedirectPath(value, BASE)).toBe(expected);
  });

  it.each(KEPT)("keeps the same-origin path %j", (value, expected) => {
    expect(safeRedirectPath(value, BASE)).toBe(expected);
  });

  it("refuses anything that is not a string", () => {
    expect(safeRedirectPath(undefined, BASE)).toBe("/");
    expect(safeRedirectPath(["/a", "/b"], BASE)).toBe("/");
    expect(safeRedirectPath(null, BASE)).toBe("/");
  });
});
