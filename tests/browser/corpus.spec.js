// Search on the real corpus (nl and de), built from ../shared when it is present.
const fs = require("fs");
const path = require("path");
const { test, expect } = require("./fixtures");

const root = path.resolve(__dirname, "../..");
const out = path.join(root, "target/browser/corpus");

for (const [lang, query, start] of [
  ["nl", "licentie", "nl/admin/index.html"],
  ["de", "Lizenz", "de/admin/index.html"],
]) {
  test(`searching "${query}" in ${lang} puts the license pages first`, async ({ page }, testInfo) => {
    test.skip(!fs.existsSync(path.join(out, start)), "../shared/corpus is not beside the project");
    await page.goto("file://" + path.join(out, start));
    const input = page.locator("#search-input");
    await input.fill(query);
    const results = page.locator(".search-result");
    await expect(results.first()).toBeVisible();
    const hrefs = await results.evaluateAll((els) => els.map((a) => a.getAttribute("href")));
    const titles = await results.locator(".search-title").allTextContents();
    console.log(`${lang} "${query}": ${titles.slice(0, 5).join(" | ")}`);
    // The first two results are license pages, the license overview among them.
    expect(hrefs[0]).toMatch(/\/admin\/license\//);
    expect(hrefs[1]).toMatch(/\/admin\/license\//);
    expect(hrefs.slice(0, 2).some((h) => /\/admin\/license\/index\.html$/.test(h))).toBeTruthy();
    await page.screenshot({ path: path.join(root, "target/browser/shots", `${testInfo.project.name}-corpus-search-${lang}.png`) });
  });
}
