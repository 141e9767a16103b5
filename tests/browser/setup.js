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
  // The real corpus, when ../shared is beside the project (it has real broken links, so
  // the build exits 1; only a crash or a usage error counts).
  const corpus = path.resolve(root, "../shared/corpus/superoffice-docs");
  const corpusOut = path.join(root, "target/browser/corpus");
  fs.rmSync(corpusOut, { recursive: true, force: true });
  if (fs.existsSync(corpus)) {
    try {
      // Run outside the project so its helpgen.toml (languages en, nl) does not apply.
      execFileSync(bin, ["build", "--content", corpus, "--out", corpusOut, "--quiet"], { cwd: path.join(root, "target"), stdio: "ignore" });
    } catch (e) {
      if (e.status !== 1) { throw e; }
    }
  }
};
