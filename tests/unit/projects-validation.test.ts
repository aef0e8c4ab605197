import { describe, expect, it } from "vitest";
import { colourSchema, normalizeTags, pickSlug, slugifyProjectName, tagsSchema } from "@/lib/validation/project";
import { parseListParams } from "@/lib/validation/project-list";

describe("project input normalization", () => {
  it("normalizes comma-separated tags", () => {
    expect(normalizeTags(" ML, Deep  Learning ,ml,, ")).toEqual(["ml", "deep-learning"]);
    expect(tagsSchema.safeParse(Array.from({ length: 11 }, (_, i) => `t${i}`).join(",")).success).toBe(false);
    expect(tagsSchema.parse(["a", "B"])).toEqual(["a", "b"]);
  });

  it("accepts six-digit hex colours only", () => {
    expect(colourSchema.parse(" #ABCDEF ")).toBe("#abcdef");
    for (const bad of ["#abc", "red", "#ggggggg", "abcdef"]) expect(colourSchema.safeParse(bad).success).toBe(false);
  });

  it("derives URL names and picks the first free one, never a reserved route", () => {
    expect(slugifyProjectName("Café Sales: Q1 / 2026")).toBe("cafe-sales-q1-2026");
    expect(slugifyProjectName("???")).toBe("project");
    expect(pickSlug("sales", [])).toBe("sales");
    expect(pickSlug("sales", ["sales", "sales-2"])).toBe("sales-3");
    expect(pickSlug("new", [])).toBe("new-2");
    expect(pickSlug("settings", ["settings-2"])).toBe("settings-3");
  });

  it("reads list filters from the URL and drops anything it does not know", () => {
    expect(parseListParams(new URLSearchParams("q=%20churn%20&tag=ml&visibility=public&sort=updated&cursor=eyJrIjoiYSJ9"))).toEqual({
      q: "churn", tag: "ml", visibility: "public", sort: "updated", cursor: "eyJrIjoiYSJ9",
    });
    expect(parseListParams({ visibility: "secret", sort: "random", cursor: "x/../y=", q: "" })).toEqual({
      q: undefined, tag: undefined, visibility: undefined, sort: undefined, cursor: undefined,
    });
  });
});
