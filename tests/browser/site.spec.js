// The built example site, opened straight from disk: what a reader does.
const path = require("path");
const { test, expect } = require("./fixtures");

const root = path.resolve(__dirname, "../..");
const site = "file://" + path.join(root, "target/browser/site") + "/";

async function shot(page, testInfo, name) {
  const file = `${testInfo.project.name}-${name}.png`;
  await page.screenshot({ path: path.join(root, "target/browser/shots", file), fullPage: false });
  await page.screenshot({ path: testInfo.outputPath(file) });
}

test("switching from nl to en lands on the same page", async ({ page }, testInfo) => {
  await page.goto(site + "nl/admin/license/index.html");
  await expect(page.locator("h1")).toHaveText("SuperOffice en licenties");
  await shot(page, testInfo, "1-nl-page");
  await page.locator(".lang-switch summary").click();
  await page.locator('.lang-switch a[hreflang="en"]').click();
  await expect(page).toHaveURL(/\/en\/admin\/license\/index\.html$/);
  await expect(page.locator("h1")).toHaveText("SuperOffice and licences");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await shot(page, testInfo, "2-en-page");
});

test("the second tab of a tab group opens", async ({ page }, testInfo) => {
  await page.goto(site + "nl/admin/license/index.html");
  const group = page.locator(".tabGroup").first();
  const tabs = group.getByRole("tab");
  await expect(tabs).toHaveCount(2);
  // Without a click, the first tab is selected and its panel shown.
  await expect(tabs.nth(0)).toHaveAttribute("aria-selected", "true");
  const second = tabs.nth(1);
  await second.scrollIntoViewIfNeeded();
  await second.click();
  await expect(second).toHaveAttribute("aria-selected", "true");
  const panel = page.locator("#" + (await second.getAttribute("aria-controls")));
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("CRM Suite");
  await expect(page.locator("#" + (await tabs.nth(0).getAttribute("aria-controls")))).toBeHidden();
  await panel.scrollIntoViewIfNeeded();
  await shot(page, testInfo, "3-second-tab");
});

test("searching a word and following the first result", async ({ page }, testInfo) => {
  await page.goto(site + "nl/index.html");
  const input = page.locator("#search-input");
  if (testInfo.project.name === "phone") {
    await input.scrollIntoViewIfNeeded();
  }
  await input.fill("licentie");
  const first = page.locator(".search-result").first();
  await expect(first).toBeVisible();
  await expect(first.locator(".search-title")).toContainText(/licenti/i);
  await expect(first.locator("mark").first()).toBeVisible();
  await shot(page, testInfo, "4-search-results");
  await first.click();
  await expect(page).toHaveURL(/\/nl\/admin\/license\//);
  await shot(page, testInfo, "5-search-target");
});

test("a redirect stub leads to its page", async ({ page }, testInfo) => {
  await page.goto(site + "nl/admin/license/screen.html");
  await expect(page).toHaveURL(/\/nl\/admin\/license\/index\.html$/);
  await expect(page.locator("h1")).toHaveText("SuperOffice en licenties");
  // And a redirect_from stub (an old URL).
  await page.goto(site + "nl/admin/license/learn/screen/index.html");
  await expect(page).toHaveURL(/\/nl\/admin\/license\/index\.html$/);
  await shot(page, testInfo, "6-after-redirect");
});

// The policy is in force from file:// too, and a violation reaches the console, where the
// other tests look for them (fixtures.js): an inline script is refused.
test("the Content-Security-Policy refuses an inline script", async ({ browser }) => {
  const page = await browser.newPage();
  const reports = [];
  page.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) { reports.push(m.text()); }
  });
  await page.goto(site + "nl/index.html");
  await expect(page.locator("html")).toHaveClass(/\bjs\b/); // the theme's own script ran
  await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.injected = true";
    document.head.appendChild(s);
  });
  expect(await page.evaluate(() => window.injected === true)).toBe(false);
  await expect.poll(() => reports.length).toBeGreaterThan(0);
  await page.close();
});
