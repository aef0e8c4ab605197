import { createHash } from "node:crypto";
import type { Page } from "@playwright/test";

/**
 * What an accessibility scan of this page depends on, without its words: every element with its
 * classes, role, type and inline style and the names of its other attributes (a label, an alt,
 * aria-*), and where text stands. Names, counts and ids differ from visitor to visitor; the
 * controls, notices and colours a visitor is shown are what a scan judges. A run of identical
 * siblings (the rows of a list, the points of a chart) counts as one, so a longer list is not
 * another page.
 */
export async function shapeOf(page: Page): Promise<string> {
  const shape = await page.evaluate(() => {
    const KEPT_VALUES = new Set(["class", "role", "type", "style"]);
    const SKIPPED = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"]);
    const walk = (el: Element): string => {
      const attributes = [...el.attributes].map((a) => (KEPT_VALUES.has(a.name) ? `${a.name}=${a.value}` : a.name)).sort().join(" ");
      const text = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim()) ? "#" : "";
      const children: string[] = [];
      for (const child of el.children) {
        if (SKIPPED.has(child.tagName)) continue;
        const s = walk(child);
        if (children.at(-1) !== s) children.push(s);
      }
      return `<${el.tagName} ${attributes}>${text}${children.join("")}`;
    };
    return walk(document.body);
  });
  return createHash("sha256").update(shape).digest("hex");
}
