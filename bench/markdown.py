"""Markdown output against text output, over the dev corpora, whole process: the same content, and its structure.

    python -m bench.markdown [--corpus scrapinghub,wcxb] [--kinds html,page,container]

For each corpus and input kind, ``clean DIR -o OUT -f text`` and ``clean DIR -o OUT -f markdown`` are run
as a user runs them; each Markdown file is read back with markdown-it-py (CommonMark and GFM tables) and
its text, syntax stripped, is scored as the text output is (scrapinghub: the public shingle F1; wcxb:
its word-bag F1). The structure the extractor found (headings, list items, table rows, code blocks among
the kept blocks, HTML input) is counted beside what the parser reads in the Markdown, with any raw HTML
node the parser found (there must be none).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from bench.data import data_dir
from bench.metric import aggregate, score_document
from cleaner import Options, clean_text
from cleaner.inputs.decode import decode

PARSER = MarkdownIt("commonmark").enable("table").enable("strikethrough")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_WORD = re.compile(r"\w+")


def inline_text(token: Token) -> str:
    """The text an inline token shows: escapes undone, line breaks as newlines, code spans as their code."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "text_special"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def read_back(markdown: str, title: str | None = None) -> tuple[str, Counter[str]]:
    """The text a reader sees in ``markdown`` (a first heading that says ``title`` left out), and what it
    holds: headings, list items, table rows, code blocks, raw HTML nodes."""
    texts: list[str] = []
    counts: Counter[str] = Counter()
    tokens = PARSER.parse(markdown)
    for i, token in enumerate(tokens):
        if token.type == "inline":
            if not (i == 1 and tokens[0].type == "heading_open" and title and inline_text(token) == title):
                texts.append(inline_text(token))
            counts["raw html"] += sum(1 for c in token.children or [] if c.type == "html_inline")
        elif token.type in ("fence", "code_block"):
            texts.append(token.content)
            counts["code blocks"] += 1
        elif token.type == "heading_open":
            counts["headings"] += 1
        elif token.type == "list_item_open":
            counts["list items"] += 1
        elif token.type == "tr_open":
            counts["table rows"] += 1
        elif token.type == "html_block":
            counts["raw html"] += 1
    return "\n".join(texts), counts


def found_structure(source: str, name: str) -> Counter[str]:
    """What the extractor kept of the page's structure: the blocks the Markdown must show as such."""
    result = clean_text(source, Options(), name)
    kept = result.kept
    counts: Counter[str] = Counter()
    counts["headings"] = sum(1 for b in kept if b.kind in HEADINGS) + (
        1 if result.title and not any(b.kind == "h1" for b in kept) else 0
    )
    items = {f for b in kept for f in b.shape.frames if f.kind == "li"}  # an item holding only a list counts too
    counts["list items"] = len(items) + sum(1 for b in kept if b.kind == "li" and not {"li", "dt"} & _kinds(b))
    counts["table rows"] = sum(1 for b in kept if b.kind == "tr")
    counts["code blocks"] = sum(1 for b in kept if b.kind == "pre")
    return counts


def _kinds(block: object) -> set[str]:
    return {f.kind for f in block.shape.frames}  # type: ignore[attr-defined]


def word_f1(truth: str, predicted: str) -> float:
    """WCXB's per-page figure: F1 of the bags of lower-cased words (1 when both are empty)."""
    want, got = Counter(_WORD.findall(truth.lower())), Counter(_WORD.findall(predicted.lower()))
    if not want and not got:
        return 1.0
    common = sum((want & got).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def _truths(corpus: Path) -> dict[str, str]:
    data = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    key = "articleBody" if corpus.name == "scrapinghub" else "main_content"
    return {k: v[key] for k, v in data.items()}


def _run(clean: str, folder: Path, fmt: str, out: Path) -> dict[str, str]:
    subprocess.run([clean, str(folder), "-o", str(out), "-f", fmt, "-j", "2"], check=True, capture_output=True)
    return {p.name.split(".")[0]: p.read_text(encoding="utf-8") for p in out.iterdir()}


def _score(corpus: str, truths: dict[str, str], outputs: dict[str, str]) -> float:
    ids = sorted(truths)
    if corpus == "scrapinghub":
        return aggregate(score_document(truths[i], outputs.get(i, "")) for i in ids).f1
    return sum(word_f1(truths[i], outputs.get(i, "")) for i in ids) / len(ids)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default="scrapinghub,wcxb")
    parser.add_argument("--kinds", default="html,page,container")
    parser.add_argument("--clean", default=str(Path(sys.executable).with_name("clean")))
    args = parser.parse_args(argv)
    for name in args.corpus.split(","):
        corpus = data_dir() / name
        truths = _truths(corpus)
        for kind in args.kinds.split(","):
            folder = corpus / kind
            if not folder.is_dir():
                continue
            with tempfile.TemporaryDirectory() as tmp:
                text = _run(args.clean, folder, "text", Path(tmp) / "text")
                markdown = _run(args.clean, folder, "markdown", Path(tmp) / "markdown")
                titles = {
                    k: json.loads(v)["title"] for k, v in _run(args.clean, folder, "jsonl", Path(tmp) / "j").items()
                }
            read = {k: read_back(v) for k, v in markdown.items()}
            # The title heading aside where the text output does not start with it (text input's title line is in both)
            body = {
                k: read_back(v, None if text.get(k, "").startswith(titles.get(k) or "\0") else titles.get(k))[0]
                for k, v in markdown.items()
            }
            same_words = sum(1 for k, t in body.items() if _WORD.findall(t) == _WORD.findall(text.get(k, "")))
            shown: Counter[str] = sum((counts for _, counts in read.values()), Counter())
            print(
                f"{name}/{kind} ({len(markdown)} pages): F1 text {_score(name, truths, text):.4f}, "
                f"markdown read back {_score(name, truths, {k: t for k, (t, _) in read.items()}):.4f}, "
                f"the same without the title heading (text output has no title) {_score(name, truths, body):.4f}"
            )
            print(f"  pages whose markdown, read back, has the text output's words exactly: {same_words}")
            found: Counter[str] = Counter()
            for path in sorted(folder.iterdir()):
                found += found_structure(decode(path.read_bytes()), path.name)
            for what in ("headings", "list items", "table rows", "code blocks"):
                print(f"  {what:12} kept {found[what]:6}  in the markdown {shown[what]:6}")
            print(f"  raw html nodes in the markdown: {shown['raw html']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
