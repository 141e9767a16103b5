// `helpgen serve`: edit a page and see the browser show the new text without a reload
// by hand; measure the time from the file write to the new text on screen.
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { test, expect } = require("./fixtures");

const root = path.resolve(__dirname, "../..");

test("an edit reaches the open page without a manual reload", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one window is enough for the writer's loop");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpgen-serve-"));
  fs.cpSync(path.join(root, "content"), path.join(dir, "content"), { recursive: true });
  const server = spawn(path.join(root, "target/release/helpgen"), ["serve", "--port", "0"], { cwd: dir });
  let log = "";
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("serve did not start:\n" + log)), 20000);
      server.stdout.on("data", (d) => {
        log += d;
        const m = /serving .* at (http:\/\/[^ ]+)/.exec(log);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      });
      server.stderr.on("data", (d) => { log += d; });
      server.on("exit", (code) => reject(new Error(`serve exited ${code}:\n${log}`)));
    });
    await page.goto(url + "nl/admin/license/activate.html");
    await expect(page.locator("h1")).toHaveText("Licentie activeren");
    // Let the page's live-reload script connect before editing.
    await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.includes("/__helpgen/poll")));
    const file = path.join(dir, "content/nl/admin/license/activate.md");
    const text = fs.readFileSync(file, "utf8");
    const marker = "Bewerkt terwijl de browser openstaat";
    const wrote = Date.now();
    fs.writeFileSync(file, text.replace("# Licentie activeren\n", `# Licentie activeren\n\n${marker}.\n`));
    await expect(page.locator("article")).toContainText(marker, { timeout: 10000 });
    const ms = Date.now() - wrote;
    testInfo.annotations.push({ type: "edit-to-browser", description: `${ms} ms` });
    console.log(`edit to browser: ${ms} ms`);
    await page.screenshot({ path: path.join(root, "target/browser/shots", "desktop-7-live-reload.png") });
    await page.screenshot({ path: testInfo.outputPath("desktop-7-live-reload.png") });

    // A broken save shows an overlay; fixing it clears it.
    fs.writeFileSync(file, text.replace("# Licentie activeren\n", "# Licentie activeren\n\n[kapot](nergens.md)\n"));
    await expect(page.locator("#helpgen-overlay")).toContainText("nergens.md", { timeout: 10000 });
    await page.screenshot({ path: path.join(root, "target/browser/shots", "desktop-8-error-overlay.png") });
    fs.writeFileSync(file, text);
    await expect(page.locator("#helpgen-overlay")).toHaveCount(0, { timeout: 10000 });
  } finally {
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
