// Builds the example site once, with the release binary, into target/browser/site.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

module.exports = async () => {
  const root = path.resolve(__dirname, "../..");
  const bin = path.join(root, "target/release/helpgen");
  if (!fs.existsSync(bin)) {
    execFileSync("cargo", ["build", "--release"], { cwd: root, stdio: "inherit" });
  }
  const out = path.join(root, "target/browser/site");
  // While iterating on the tests: reuse a site built by hand.
  if (process.env.HELPGEN_BROWSER_SITE_READY) {
    return;
  }
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(root, "target/browser/shots"), { recursive: true });
  execFileSync(bin, ["build", "--out", out, "--quiet"], { cwd: root, stdio: "inherit" });
};
