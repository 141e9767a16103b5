#!/usr/bin/env python3
"""Profile of a DocFX-style corpus: how many pages, stubs, includes, tocs, and the shape
of a typical content page (size, headings, links, tables, code blocks, ...).

Used to tune bench/gen-corpus.py against the real corpus and to print both side by side:

    python3 bench/corpus-stats.py ../shared/corpus/superoffice-docs target/bench/synth-10k
"""

import argparse
import json
import os
import re
import statistics
import sys
from collections import Counter

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^#{1,6}\s")
INLINE_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(([^)\s]+)[^)]*\)")
REF_LINK = re.compile(r"(?<!!)\[[^\]\n]+\]\[[^\]\n]*\]")
REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+", re.M)
IMAGE = re.compile(r"!\[[^\]\n]*\][\[(]")
TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*\|")
ALERT = re.compile(r"^\s*>\s*\[!(NOTE|TIP|IMPORTANT|CAUTION|WARNING)\]", re.I)
TAB = re.compile(r"^#{1,6}\s*\[[^\]]+\]\(#tab/")
INCLUDE = re.compile(r"\[!include\[", re.I)
LIST_ITEM = re.compile(r"^\s*([-*+]|\d+\.)\s")


def read_text(path):
    raw = open(path, "rb").read()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", "replace")
    return raw.decode("utf-8-sig", "replace")


def split_front_matter(text):
    text = text.replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return None, text
    end = text.find("\n---", 4)
    if end < 0:
        return None, text
    nl = text.find("\n", end + 1)
    return text[4:end], text[nl + 1 :] if nl >= 0 else ""


def fm_keys(fm):
    return [m.group(1) for m in re.finditer(r"^([A-Za-z_][\w-]*)\s*:", fm, re.M)]


def body_stats(body):
    s = Counter()
    in_code = False
    for line in body.split("\n"):
        if FENCE.match(line):
            if not in_code:
                s["code_blocks"] += 1
            in_code = not in_code
            continue
        if in_code:
            continue
        if HEADING.match(line):
            s["headings"] += 1
        if TAB.match(line):
            s["tabs"] += 1
        if TABLE_SEP.match(line):
            s["tables"] += 1
        if ALERT.match(line):
            s["alerts"] += 1
        if LIST_ITEM.match(line):
            s["list_items"] += 1
        s["includes"] += len(INCLUDE.findall(line))
        s["images"] += len(IMAGE.findall(line))
        s["links"] += len(INLINE_LINK.findall(line)) + len(REF_LINK.findall(line))
    s["ref_defs"] = len(REF_DEF.findall(body))
    s["bytes"] = len(body.encode("utf-8"))
    s["lines"] = body.count("\n") + 1
    return s


def profile(root):
    langs = Counter()
    pages, stubs, includes, orphans_no_fm = [], 0, 0, 0
    tocs = media = 0
    keys = Counter()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        rel_dir = os.path.relpath(dirpath, root)
        parts = [] if rel_dir == "." else rel_dir.split(os.sep)
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if name == "toc.yml":
                tocs += 1
                continue
            if not name.endswith(".md"):
                if parts and parts[0] == "media":
                    media += 1
                continue
            if "includes" in parts:
                includes += 1
                continue
            fm, body = split_front_matter(read_text(path))
            if fm is None:
                orphans_no_fm += 1
                continue
            k = fm_keys(fm)
            if "redirect_url" in k:
                stubs += 1
                continue
            keys.update(k)
            langs[parts[0] if parts else "."] += 1
            pages.append(body_stats(body))
    return {
        "root": root,
        "languages": dict(sorted(langs.items())),
        "content_pages": len(pages),
        "redirect_url_stubs": stubs,
        "include_files": includes,
        "md_without_front_matter": orphans_no_fm,
        "toc_yml": tocs,
        "media_files": media,
        "front_matter_keys": dict(keys.most_common()),
        "per_page": per_page(pages),
    }


def per_page(pages):
    out = {}
    if not pages:
        return out
    for field in [
        "bytes",
        "lines",
        "headings",
        "links",
        "ref_defs",
        "images",
        "list_items",
        "tables",
        "code_blocks",
        "alerts",
        "tabs",
        "includes",
    ]:
        vals = sorted(p[field] for p in pages)
        q = statistics.quantiles(vals, n=10) if len(vals) > 1 else [vals[0]] * 9
        out[field] = {
            "median": statistics.median(vals),
            "mean": round(statistics.fmean(vals), 2),
            "p10": q[0],
            "p90": q[8],
            "share_nonzero": round(sum(1 for v in vals if v) / len(vals), 2),
        }
    return out


def print_table(profiles):
    cols = [os.path.basename(os.path.normpath(p["root"])) for p in profiles]
    w = max(26, *(len(c) + 2 for c in cols))
    print("| measure | " + " | ".join(cols) + " |")
    print("|---|" + "---|" * len(cols))

    def row(label, vals):
        print(f"| {label} | " + " | ".join(str(v) for v in vals) + " |")

    row("languages", [",".join(p["languages"]) for p in profiles])
    for k in ["content_pages", "redirect_url_stubs", "include_files", "toc_yml", "media_files"]:
        row(k.replace("_", " "), [p[k] for p in profiles])
    fields = profiles[0]["per_page"].keys()
    for f in fields:
        row(
            f"{f} per page: median (mean) [p10–p90] nonzero",
            [
                "{median:g} ({mean:g}) [{p10:g}–{p90:g}] {share_nonzero:.0%}".format(**p["per_page"][f])
                if p["per_page"]
                else "-"
                for p in profiles
            ],
        )
    del w


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("roots", nargs="+", help="content roots (folders holding the language folders)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = ap.parse_args()
    profiles = []
    for r in args.roots:
        if not os.path.isdir(r):
            sys.exit(f"corpus-stats: {r} is not a folder")
        profiles.append(profile(r))
    if args.json:
        json.dump(profiles, sys.stdout, indent=2)
        print()
    else:
        print_table(profiles)


if __name__ == "__main__":
    main()
