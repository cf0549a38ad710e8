"""Golden outputs: every benchmark page through the `clean` command, in every format, to diff a refactor by.

    python -m bench.golden dump OUT [--clean PATH] [--only NAME]  # every corpus, input kind and format into OUT/
    python -m bench.golden diff A B                  # what differs between two dumps (exit 1 if anything)

A dump runs the command as a user does (``clean DIR -f FORMAT -j 2``, the documents of a folder streamed
to stdout in order), so it holds what the product gives, not what one function returns. text and
markdown streams are compared byte for byte, json and jsonl as parsed values (their whitespace is not the
contract), document by document.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.data import data_dir

FORMATS = ("text", "markdown", "jsonl", "json")
KINDS = ("html", "page", "container")


def _folders() -> list[tuple[str, Path]]:
    root = data_dir()
    found = []
    for corpus in sorted(p for p in root.iterdir() if p.is_dir()):
        for kind in KINDS:
            if (corpus / kind).is_dir():
                found.append((f"{corpus.name}-{kind}", corpus / kind))
    return found


def dump(out: Path, clean: str, only: str = "") -> int:
    """``only``: the corpora and kinds whose name (``wcxb-page``) holds it."""
    out.mkdir(parents=True, exist_ok=True)
    status = 0
    for name, folder in _folders():
        if only not in name:
            continue
        for fmt in FORMATS:
            target = out / f"{name}.{fmt}"
            with target.open("wb") as fh:
                done = subprocess.run([clean, str(folder), "-f", fmt, "-j", "2"], stdout=fh, stderr=subprocess.PIPE)
            if done.returncode not in (0, 1):
                print(f"{name} {fmt}: exit {done.returncode}: {done.stderr.decode(errors='replace')}", file=sys.stderr)
                status = 1
            (out / f"{name}.{fmt}.stderr").write_bytes(done.stderr)
            print(f"{target} ({target.stat().st_size} bytes, exit {done.returncode})", file=sys.stderr)
    return status


def _documents(path: Path, fmt: str) -> list[Any]:
    data = path.read_bytes()
    if fmt == "jsonl":
        return [json.loads(line) for line in data.splitlines()]
    if fmt == "json":
        parsed = json.loads(data)
        return parsed if isinstance(parsed, list) else [parsed]
    return [data]


def diff(a: Path, b: Path) -> int:
    differing = 0
    for right in sorted(b.iterdir()):
        left = a / right.name
        fmt = left.suffix.lstrip(".")
        if not left.exists():
            print(f"only in {b}: {right.name}")
            differing += 1
            continue
        if fmt == "stderr":
            if left.read_bytes() != right.read_bytes():
                print(f"{left.name}: stderr differs")
                differing += 1
            continue
        docs_a, docs_b = _documents(left, fmt), _documents(right, fmt)
        if len(docs_a) != len(docs_b):
            print(f"{left.name}: {len(docs_a)} documents against {len(docs_b)}")
            differing += 1
            continue
        bad = [i for i, (x, y) in enumerate(zip(docs_a, docs_b, strict=True)) if x != y]
        if bad:
            differing += 1
            where = [docs_a[i].get("source", i) if isinstance(docs_a[i], dict) else i for i in bad[:5]]
            print(f"{left.name}: {len(bad)} of {len(docs_a)} documents differ, e.g. {where}")
    print("identical" if not differing else f"{differing} files differ")
    return 1 if differing else 0


def main(argv: list[str]) -> int:
    if any(arg in ("-h", "--help") for arg in argv):
        print(__doc__)
        return 0
    if len(argv) >= 2 and argv[0] == "dump":
        clean = argv[argv.index("--clean") + 1] if "--clean" in argv else str(Path(sys.executable).parent / "clean")
        only = argv[argv.index("--only") + 1] if "--only" in argv else ""
        return dump(Path(argv[1]), clean, only)
    if len(argv) == 3 and argv[0] == "diff":
        return diff(Path(argv[1]), Path(argv[2]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
