// `helpgen serve`: edit a page and see the browser show the new text without a reload
// by hand; measure the time from the file write to the reloaded page, on the example site
// and on the real corpus (nl+de) when ../shared is present.
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { test, expect } = require("./fixtures");

const root = path.resolve(__dirname, "../..");
const shots = path.join(root, "target/browser/shots");

// A live server and a browser on a loaded 2-core CI machine: once in many runs Chromium
// never reported the corpus page's DOMContentLoaded although the page was fully shown
// (the test passed 3 of 3 times right after on the same clone, and curl got the page at
// once). One retry, reported as "flaky" in the log, so a real regression still fails
// both attempts.
test.describe.configure({ retries: 1 });

/** Starts `helpgen serve` in `dir` with extra args; resolves to { url, server, log() }. */
async function serve(dir, args) {
  const server = spawn(path.join(root, "target/release/helpgen"), ["serve", "--port", "0", ...args], { cwd: dir });
  let log = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("serve did not start:\n" + log)), 60000);
    server.stdout.on("data", (d) => {
      log += d;
      const m = /serving .* at (http:\/\/[^ ]+)/.exec(log);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.stderr.on("data", (d) => { log += d; });
    server.on("exit", (code) => reject(new Error(`serve exited ${code}:\n${log}`)));
  });
  return { url, server, log: () => log };
}

/** Writes `text` to `file` and returns the ms until the page shows `marker`, checked
 * in the page on every animation frame. */
async function editAndWait(page, file, text, marker) {
  const shown = page.waitForFunction(
    (m) => (document.querySelector("article") || document.body).textContent.includes(m),
    marker,
    { polling: "raf", timeout: 10000 },
  );
  const wrote = Date.now();
  fs.writeFileSync(file, text);
  await shown;
  return Date.now() - wrote;
}

async function connected(page) {
  await page.waitForFunction(() =>
    performance.getEntriesByType("resource").some((e) => e.name.includes("/__helpgen/poll")));
  // The first poll answers at once; wait until the long poll is parked.
  await page.waitForTimeout(100);
}

test("an edit reaches the open page without a manual reload", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one window is enough for the writer's loop");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpgen-serve-"));
  fs.cpSync(path.join(root, "content"), path.join(dir, "content"), { recursive: true });
  const { url, server, log } = await serve(dir, []);
  try {
    await page.goto(url + "nl/admin/license/activate.html");
    await expect(page.locator("h1")).toHaveText("Licentie activeren");
    await connected(page);
    const file = path.join(dir, "content/nl/admin/license/activate.md");
    const text = fs.readFileSync(file, "utf8");
    const marker = "Bewerkt terwijl de browser openstaat";
    const times = [];
    for (let i = 0; i < 5; i++) {
      times.push(await editAndWait(page, file, text.replace("# Licentie activeren\n", `# Licentie activeren\n\n${marker} ${i}.\n`), `${marker} ${i}`));
      await connected(page);
    }
    times.sort((a, b) => a - b);
    console.log(`example site, edit to reloaded page: median ${times[2]} ms (${times.join(", ")})`);
    await page.screenshot({ path: path.join(shots, "desktop-7-live-reload.png") });
    await page.screenshot({ path: testInfo.outputPath("desktop-7-live-reload.png") });

    // A broken save shows an overlay; fixing it clears it.
    fs.writeFileSync(file, text.replace("# Licentie activeren\n", "# Licentie activeren\n\n[kapot](nergens.md)\n"));
    await expect(page.locator("#helpgen-overlay")).toContainText("nergens.md", { timeout: 10000 });
    await page.screenshot({ path: path.join(shots, "desktop-8-error-overlay.png") });
    fs.writeFileSync(file, text);
    await expect(page.locator("#helpgen-overlay")).toHaveCount(0, { timeout: 10000 });
    expect(log()).toContain("rebuilt nl/admin/license/activate.md (1 page)");
  } finally {
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("an edit on the real corpus reaches the browser quickly", async ({ page }, testInfo) => {
  const corpus = path.resolve(root, "../shared/corpus/superoffice-docs");
  test.skip(testInfo.project.name !== "desktop" || !fs.existsSync(corpus), "needs ../shared/corpus");
  test.setTimeout(120000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpgen-serve-corpus-"));
  fs.cpSync(corpus, path.join(dir, "content"), { recursive: true });
  const { url, server, log } = await serve(dir, []);
  try {
    await page.goto(url + "nl/admin/license/index.html", { waitUntil: "domcontentloaded" });
    await expect(page.locator("h1")).toHaveText("SuperOffice en licenties");
    await connected(page);
    const file = path.join(dir, "content/nl/admin/license/index.md");
    const text = fs.readFileSync(file, "utf8");
    const times = [];
    for (let i = 0; i < 5; i++) {
      const marker = `Live bewerkt ${i}`;
      times.push(await editAndWait(page, file, text.replace("# SuperOffice en licenties\n", `# SuperOffice en licenties\n\n${marker}.\n`), marker));
      await connected(page);
    }
    times.sort((a, b) => a - b);
    const rebuilds = [...log().matchAll(/rebuilt nl\/admin\/license\/index\.md \(1 page\) in ([\d.]+) ms/g)].map((m) => Number(m[1]));
    console.log(`corpus, edit to reloaded page: median ${times[2]} ms (${times.join(", ")}); server rebuilds: ${rebuilds.join(", ")} ms`);
    expect(rebuilds.length).toBe(5);
    await page.screenshot({ path: path.join(shots, "desktop-9-corpus-live-reload.png") });
  } finally {
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
