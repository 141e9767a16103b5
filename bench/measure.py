#!/usr/bin/env python3
"""Runs the side-by-side builds for bench/run.sh and prints the tables.

For each corpus: one untimed warm-up build per tool (warms the page cache), then `--runs`
cold builds alternating helpgen and Hugo (A B A B …, output folder deleted before each),
each under `/usr/bin/time` for peak RSS and exit status, with wall time from a monotonic
clock around it. Then helpgen's no-op rebuild: a build into the `--out` the last build
left, timed, `--runs` times. Medians and ranges (min–max) go to stdout as Markdown tables
and, with every sample, to `<dir>/results.json`.

A helpgen exit status of 0 or 1 is a successful build (1 means the content has errors:
the real corpus has broken links); 2, a signal or a panic is a failure. Hugo must exit 0.
Any failure makes this script exit 1 after the tables.

    python3 bench/measure.py --dir target/bench --helpgen target/release/helpgen \
        --corpus real=../shared/corpus/superoffice-docs@target/bench/hugo/real --runs 5
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

LANGUAGES = ["en", "nl", "de", "da", "no", "sv"]
TIMINGS = re.compile(r"^timings:\s*(.*)$", re.M)
STAGE = re.compile(r"([A-Za-z][\w -]*?)\s+([0-9.]+)\s*s\b")


class Failure(Exception):
    pass


def count_pages(root, langs):
    """Page files: .md under a language folder, outside includes/ (as gen-corpus counts)."""
    n = 0
    for lang in langs:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, lang)):
            dirnames[:] = [d for d in dirnames if d != "includes"]
            n += sum(1 for f in filenames if f.endswith(".md"))
    return n


def timed(cmd, log, cwd=None):
    """Runs `cmd` under /usr/bin/time; returns (wall seconds, peak RSS KiB, exit status, signal)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as tf:
        tpath = tf.name
    try:
        with open(log, "wb") as out:
            start = time.perf_counter()
            proc = subprocess.run(["/usr/bin/time", "-o", tpath, "-f", "%M %x", *cmd],
                                  stdout=out, stderr=subprocess.STDOUT, cwd=cwd)
            wall = time.perf_counter() - start
        text = open(tpath).read()
    finally:
        os.unlink(tpath)
    sig = None
    m = re.search(r"terminated by signal (\d+)", text)
    if m:
        sig = int(m.group(1))
    fields = text.strip().splitlines()[-1].split() if text.strip() else []
    if len(fields) < 2:
        raise Failure(f"/usr/bin/time gave no measurement for {' '.join(cmd)} (exit {proc.returncode})")
    rss_kib, status = int(fields[0]), int(fields[1])
    return wall, rss_kib, status, sig


def rm(path):
    if os.path.lexists(path):
        shutil.rmtree(path)


def clean_helpgen(out):
    """Deletes helpgen's output and whatever it keeps beside it: `.<out>.helpgen-cache`
    (the no-op cache) and `.<out>.helpgen-staging-*` folders, so the next build is cold."""
    rm(out)
    parent, name = os.path.split(out)
    prefix = f".{name}.helpgen-"
    for entry in os.listdir(parent):
        if entry.startswith(prefix):
            path = os.path.join(parent, entry)
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            else:
                os.unlink(path)


class Tool:
    def __init__(self, name, version):
        self.name, self.version = name, version


def helpgen_cmd(args, corpus, out):
    cmd = [os.path.abspath(args.helpgen), "--config", args.config, "build",
           "--content", os.path.abspath(corpus["content"]), "--out", out, "--timings"]
    if corpus["langs_arg"]:
        cmd += ["--lang", corpus["langs_arg"]]
    return cmd


def hugo_cmd(args, corpus, out):
    return [args.hugo, "--source", os.path.abspath(corpus["hugo"]), "--destination", out, "--quiet"]


def run_helpgen(args, corpus, out, log):
    wall, rss, status, sig = timed(helpgen_cmd(args, corpus, out), log, cwd=args.dir)
    text = open(log, encoding="utf-8", errors="replace").read()
    if sig is not None or status not in (0, 1) or "panicked" in text:
        tail = "\n".join(text.splitlines()[-5:])
        how = f"killed by signal {sig}" if sig is not None else f"exit {status}"
        raise Failure(f"helpgen failed on {corpus['name']} ({how}); log {log}:\n{tail}")
    stages = {}
    m = TIMINGS.search(text)
    if m:
        stages = {k.strip(): float(v) for k, v in STAGE.findall(m.group(1))}
    return {"wall": wall, "rss_kib": rss, "exit": status, "stages": stages}


def run_hugo(args, corpus, out, log):
    wall, rss, status, sig = timed(hugo_cmd(args, corpus, out), log)
    if sig is not None or status != 0:
        tail = "\n".join(open(log, errors="replace").read().splitlines()[-5:])
        how = f"killed by signal {sig}" if sig is not None else f"exit {status}"
        raise Failure(f"hugo failed on {corpus['name']} ({how}); log {log}:\n{tail}")
    return {"wall": wall, "rss_kib": rss, "exit": status}


def summary(samples, key):
    vals = [s[key] for s in samples]
    return {"median": statistics.median(vals), "min": min(vals), "max": max(vals)}


def measure_corpus(args, corpus, failures):
    name = corpus["name"]
    outdir = args.out or os.path.join(args.dir, "out")
    os.makedirs(outdir, exist_ok=True)
    h_out = os.path.join(outdir, f"{name}-helpgen")
    g_out = os.path.join(outdir, f"{name}-hugo")
    h_log = os.path.join(outdir, f"{name}-helpgen.log")
    g_log = os.path.join(outdir, f"{name}-hugo.log")
    use_hugo = bool(corpus.get("hugo")) and args.hugo
    result = {"name": name, "content": corpus["content"], "languages": corpus["langs"],
              "pages": corpus["pages"], "helpgen": [], "hugo": [], "noop": []}
    say(f"{name}: {corpus['pages']:,} pages in {len(corpus['langs'])} language(s) "
        f"({','.join(corpus['langs'])}); {args.runs} run(s) per tool"
        + ("" if use_hugo else ", no Hugo"))
    try:
        # Warm-up (page cache, binaries), not counted.
        if args.warmup:
            clean_helpgen(h_out)
            run_helpgen(args, corpus, h_out, h_log)
            if use_hugo:
                rm(g_out)
                run_hugo(args, corpus, g_out, g_log)
        for i in range(args.runs):
            clean_helpgen(h_out)
            r = run_helpgen(args, corpus, h_out, h_log)
            result["helpgen"].append(r)
            line = f"  run {i + 1}: helpgen {r['wall']:.3f} s {r['rss_kib'] / 1024:.0f} MiB (exit {r['exit']})"
            if use_hugo:
                rm(g_out)
                g = run_hugo(args, corpus, g_out, g_log)
                result["hugo"].append(g)
                line += f" | hugo {g['wall']:.3f} s {g['rss_kib'] / 1024:.0f} MiB"
            say(line)
        # No-op rebuild: the output of the last build is in place; build again into it.
        for i in range(args.noop_runs):
            r = run_helpgen(args, corpus, h_out, h_log)
            result["noop"].append(r)
            say(f"  no-op {i + 1}: helpgen {r['wall']:.3f} s")
    except Failure as e:
        failures.append(str(e))
        say(f"  FAILED: {e}")
    if not args.keep_output:
        clean_helpgen(h_out)
        rm(g_out)
    return result


def say(msg):
    print(msg, file=sys.stderr, flush=True)


def fmt_s(v):
    return f"{v:.2f} s" if v >= 0.995 else f"{v * 1000:.0f} ms"


def fmt_range_s(s):
    return f"{fmt_s(s['min'])} – {fmt_s(s['max'])}"


def fmt_mib(kib):
    return f"{kib / 1024:,.0f} MiB" if kib < 1024 * 1024 else f"{kib / 1024 / 1024:.2f} GiB"


def print_tables(results, tools, env):
    p = print
    p(f"## Whole builds (cold: output deleted before each run; warm page cache; "
      f"median of {env['runs']}, range min – max)")
    p()
    p(f"Machine: {env['machine']}; load average before {env['load_before']}, after {env['load_after']}.")
    p(f"helpgen {tools['helpgen']}; {tools['hugo'] or 'Hugo not run'}.")
    p()
    p("| corpus | pages | tool | wall median | wall range | peak RSS median | peak RSS range |")
    p("|---|---:|---|---:|---|---:|---|")
    for r in results:
        label = f"{r['name']} ({','.join(r['languages'])})"
        for tool in ("helpgen", "hugo"):
            s = r[tool]
            if not s:
                continue
            w, m = summary(s, "wall"), summary(s, "rss_kib")
            p(f"| {label} | {r['pages']:,} | {tool} | {fmt_s(w['median'])} | {fmt_range_s(w)} | "
              f"{fmt_mib(m['median'])} | {fmt_mib(m['min'])} – {fmt_mib(m['max'])} |")
        if r["helpgen"] and r["hugo"]:
            hw, gw = summary(r["helpgen"], "wall")["median"], summary(r["hugo"], "wall")["median"]
            hm, gm = summary(r["helpgen"], "rss_kib")["median"], summary(r["hugo"], "rss_kib")["median"]
            # Per-pair ratios show how stable the ratio is on a noisy machine.
            pairs = [g["wall"] / h["wall"] for h, g in zip(r["helpgen"], r["hugo"])]
            p(f"| {label} | | **Hugo / helpgen** | **{gw / hw:.2f}×** | pairs {min(pairs):.2f}× – "
              f"{max(pairs):.2f}× | **{gm / hm:.2f}×** | |")
    p()
    stage_names = []
    for r in results:
        for s in r["helpgen"]:
            for k in s["stages"]:
                if k not in stage_names:
                    stage_names.append(k)
    if stage_names:
        p("## helpgen stages (`--timings`, median of the cold runs)")
        p()
        p("| corpus | " + " | ".join(stage_names) + " | sum of stages | wall |")
        p("|---|" + "---:|" * (len(stage_names) + 2))
        for r in results:
            if not r["helpgen"]:
                continue
            meds = [statistics.median([s["stages"].get(k, 0.0) for s in r["helpgen"]]) for k in stage_names]
            wall = summary(r["helpgen"], "wall")["median"]
            p(f"| {r['name']} | " + " | ".join(fmt_s(v) for v in meds) + f" | {fmt_s(sum(meds))} | {fmt_s(wall)} |")
        p()
    if any(r["noop"] for r in results):
        p("## helpgen no-op rebuild (build again into the same `--out`, nothing changed)")
        p()
        p("| corpus | full build median | no-op median | no-op range | no-op / full |")
        p("|---|---:|---:|---|---:|")
        for r in results:
            if not r["noop"] or not r["helpgen"]:
                continue
            full = summary(r["helpgen"], "wall")["median"]
            n = summary(r["noop"], "wall")
            p(f"| {r['name']} | {fmt_s(full)} | {fmt_s(n['median'])} | {fmt_range_s(n)} | "
              f"{n['median'] / full:.0%} |")
        p()
    synth = sorted((r for r in results if r["name"].startswith("synth") and r["helpgen"]),
                   key=lambda r: r["pages"])
    if len(synth) >= 2:
        a, b = synth[0], synth[-1]
        p(f"## Growth {a['name']} → {b['name']} ({b['pages'] / a['pages']:.1f}× the pages)")
        p()
        p("| tool | wall ratio | peak RSS ratio |")
        p("|---|---:|---:|")
        for tool in ("helpgen", "hugo"):
            if a[tool] and b[tool]:
                wr = summary(b[tool], "wall")["median"] / summary(a[tool], "wall")["median"]
                mr = summary(b[tool], "rss_kib")["median"] / summary(a[tool], "rss_kib")["median"]
                p(f"| {tool} | {wr:.2f}× | {mr:.2f}× |")
        p()
    print_targets(results, synth)


def print_targets(results, synth):
    """Issue 7's targets, reported (never asserted: the machine may be noisy)."""
    rows = []
    for r in results:
        if r["name"] == "real" and r["helpgen"] and r["hugo"]:
            ratio = summary(r["hugo"], "wall")["median"] / summary(r["helpgen"], "wall")["median"]
            rows.append(("real corpus: Hugo/helpgen ≥ 3×", f"{ratio:.2f}×", ratio >= 3))
        if r["noop"] and r["helpgen"]:
            share = summary(r["noop"], "wall")["median"] / summary(r["helpgen"], "wall")["median"]
            rows.append((f"{r['name']}: no-op < 20% of full", f"{share:.0%}", share < 0.2))
    if synth and synth[-1]["pages"] >= 50000:
        b = synth[-1]
        w = summary(b["helpgen"], "wall")["median"]
        m = summary(b["helpgen"], "rss_kib")["median"]
        rows.append((f"{b['name']}: wall < 5 s", fmt_s(w), w < 5))
        rows.append((f"{b['name']}: peak RSS < 1 GiB", fmt_mib(m), m < 1024 * 1024))
        if len(synth) >= 2:
            a = synth[0]
            g = w / summary(a["helpgen"], "wall")["median"]
            rows.append((f"{a['name']} → {b['name']}: time ≤ 5.5×", f"{g:.2f}×", g <= 5.5))
    if rows:
        print("## Issue 7 targets (reported, not asserted)")
        print()
        print("| target | measured | met |")
        print("|---|---:|---|")
        for t, v, ok in rows:
            print(f"| {t} | {v} | {'yes' if ok else 'no'} |")
        print()


def tool_version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "unknown"


def machine():
    cpu = "unknown cpu"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(open("/proc/meminfo").readline().split()[1])
        mem = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, {platform.system()} {platform.release()}"


def load():
    try:
        return " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "unknown"


def parse_corpus(spec):
    """NAME=CONTENT[@HUGO_SITE][:LANGS]"""
    name, _, rest = spec.partition("=")
    if not name or not rest:
        raise SystemExit(f"measure: --corpus wants NAME=CONTENT[@HUGO_SITE][:LANGS], got {spec!r}")
    langs_arg = ""
    if ":" in rest:
        rest, langs_arg = rest.rsplit(":", 1)
    content, _, hugo = rest.partition("@")
    if not os.path.isdir(content):
        raise SystemExit(f"measure: corpus {name}: {content} is not a folder")
    langs = [l for l in LANGUAGES if os.path.isdir(os.path.join(content, l))]
    if langs_arg:
        langs = [l for l in langs_arg.split(",") if l]
    return {"name": name, "content": content, "hugo": hugo or None, "langs_arg": langs_arg,
            "langs": langs, "pages": count_pages(content, langs)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", required=True, help="work folder (outputs, logs, results.json)")
    ap.add_argument("--helpgen", required=True, help="helpgen binary")
    ap.add_argument("--hugo", default="", help="hugo binary (empty: no Hugo runs)")
    ap.add_argument("--corpus", action="append", default=[], help="NAME=CONTENT[@HUGO_SITE][:LANGS]")
    ap.add_argument("--runs", type=int, default=5, help="cold builds per tool and corpus")
    ap.add_argument("--noop-runs", type=int, default=None, help="no-op rebuilds (default: --runs)")
    ap.add_argument("--no-warmup", dest="warmup", action="store_false")
    ap.add_argument("--keep-output", action="store_true", help="leave the last outputs in the output folder")
    ap.add_argument("--out", default="", help="output folder for the builds (default <dir>/out)")
    args = ap.parse_args()
    if args.runs < 1:
        raise SystemExit("measure: --runs must be at least 1")
    if args.noop_runs is None:
        args.noop_runs = args.runs
    args.dir = os.path.abspath(args.dir)
    args.out = os.path.abspath(args.out) if args.out else ""
    os.makedirs(args.dir, exist_ok=True)
    # helpgen reads ./helpgen.toml by default; the repo's own one limits the languages.
    args.config = os.path.join(args.dir, "helpgen.toml")
    with open(args.config, "w") as f:
        f.write('# bench/measure.py: defaults only, so every language folder is built\ntitle = "Benchmark"\n')
    corpora = [parse_corpus(c) for c in args.corpus]
    tools = {"helpgen": tool_version([args.helpgen, "--version"]),
             "hugo": tool_version([args.hugo, "version"]) if args.hugo else ""}
    env = {"machine": machine(), "load_before": load(), "runs": args.runs}
    failures = []
    results = [measure_corpus(args, c, failures) for c in corpora]
    env["load_after"] = load()
    with open(os.path.join(args.dir, "results.json"), "w") as f:
        json.dump({"env": env, "tools": tools, "results": results, "failures": failures}, f, indent=1)
    print()
    print_tables(results, tools, env)
    if failures:
        print("## Failures")
        print()
        for msg in failures:
            print(f"- {msg}")
        sys.exit(1)


if __name__ == "__main__":
    main()
