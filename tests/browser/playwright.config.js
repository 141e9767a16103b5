// Browser tests: the built example site opened from disk (file://) and `helpgen serve`,
// in Debian's Chromium (no browser download). Screenshots of every step go to
// target/browser/results/<test>/ and target/browser/shots/.
const path = require("path");
const { defineConfig } = require("@playwright/test");

const root = path.resolve(__dirname, "../..");

module.exports = defineConfig({
  testDir: __dirname,
  outputDir: path.join(root, "target/browser/results"),
  globalSetup: require.resolve("./setup.js"),
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  use: {
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { viewport: { width: 1280, height: 900 } } },
    { name: "phone", use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
  ],
});
