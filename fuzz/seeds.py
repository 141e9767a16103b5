#!/usr/bin/env python3
"""Writes seed inputs for the fuzz targets from ../shared (the real corpus, DocFX's test
vectors and the license examples) into fuzz/corpus/<target>/. Nothing here is committed:
the shared data stays where it is, and the committed seeds in fuzz/seeds/ are small and
hand-written. Standard library only.

    python3 fuzz/seeds.py SHARED_DIR CORPUS_DIR
"""

import json
import os
import sys


def write(corpus, target, name, data):
    folder = os.path.join(corpus, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "shared-" + name), "wb") as f:
        f.write(data)


def files(root, suffix):
    out = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for n in sorted(names):
            if n.endswith(suffix):
                out.append(os.path.join(folder, n))
    return out


def read(path):
    with open(path, "rb") as f:
        return f.read()


def flat(path, root):
    return os.path.relpath(path, root).replace(os.sep, "_")


def main():
    shared, corpus = sys.argv[1], sys.argv[2]
    docs = os.path.join(shared, "corpus", "superoffice-docs")
    counts = {}

    def add(target, name, data, limit=None):
        if limit is not None and len(data) > limit:
            return
        write(corpus, target, name, data)
        counts[target] = counts.get(target, 0) + 1

    if os.path.isdir(docs):
        pages = files(docs, ".md")
        # Every tenth page: the corpus has ~2,000, and the slower targets would spend
        # their whole minute just reading them all.
        for p in pages[::10]:
            add("frontmatter", flat(p, docs), read(p), 16384)
        for p in pages[5::20]:
            add("markdown", flat(p, docs), read(p), 16384)
        for p in files(docs, "toc.yml"):
            add("toc", flat(p, docs), read(p), 16384)
        for p in files(docs, ".yml"):
            data = read(p)
            if data.lstrip(b"\xef\xbb\xbf").startswith(b"### YamlMime:"):
                add("landing", flat(p, docs), data, 16384)

    vectors = os.path.join(shared, "conformance", "docfx", "vectors.json")
    if os.path.isfile(vectors):
        with open(vectors, encoding="utf-8") as f:
            for i, v in enumerate(json.load(f)):
                # The page, then up to two of its extra files, as the target cuts them.
                parts = [v.get("markdown", "")]
                parts += list((v.get("files") or {}).values())[:2]
                add("markdown", "vector-%03d.md" % i, "\0".join(parts).encode("utf-8"))

    examples = os.path.join(shared, "license", "examples")
    if os.path.isdir(examples):
        for p in files(examples, ".json"):
            add("license_json", flat(p, examples), read(p))
        for p in files(examples, ".yaml"):
            add("license_yaml", flat(p, examples), read(p))

    for target in sorted(counts):
        print("  %-13s %4d seeds from %s" % (target, counts[target], shared))


if __name__ == "__main__":
    main()
