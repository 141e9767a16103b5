// The `test` every browser spec uses: Playwright's, with a page that fails the test when
// the browser reports a Content-Security-Policy violation. The policy is the theme's
// templates/csp.html; the theme's scripts, styles and search shards, and serve's live
// reload, must all work under it.
const base = require("@playwright/test");

exports.test = base.test.extend({
  page: async ({ page }, use) => {
    const violations = [];
    page.on("console", (msg) => {
      if (/Content.Security.Policy/i.test(msg.text())) {
        violations.push(`${msg.type()}: ${msg.text()}`);
      }
    });
    page.on("pageerror", (err) => {
      if (/Content.Security.Policy/i.test(String(err))) {
        violations.push(`pageerror: ${err}`);
      }
    });
    await use(page);
    base.expect(violations, "Content-Security-Policy violations").toEqual([]);
  },
});
exports.expect = base.expect;
