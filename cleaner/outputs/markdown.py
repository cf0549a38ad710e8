"""Markdown: headings, lists, quotes, code and tables kept as Markdown (best with HTML)."""

from __future__ import annotations

from cleaner.model import Result

_MD_PREFIX = {
    "h1": "# ",
    "h2": "## ",
    "h3": "### ",
    "h4": "#### ",
    "h5": "##### ",
    "h6": "###### ",
    "li": "- ",
    "quote": "> ",
}


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def _md_block(kind: str, text: str, previous_kind: str | None) -> str:
    """One block in markdown; table rows (cells joined by " | ") get a header rule after the first row."""
    if kind == "tr":
        cells = text.split(" | ")
        row = _md_row(cells)
        return row if previous_kind == "tr" else row + "\n" + _md_row(["---"] * len(cells))
    if kind == "pre":
        return "```\n" + text + "\n```"
    if kind == "quote":
        return "\n".join("> " + line for line in text.splitlines())
    return _MD_PREFIX.get(kind, "") + text


def to_markdown(result: Result) -> str:
    """Headings, paragraphs, lists, block quotes, code and simple tables; the title first unless an h1 says it."""
    parts: list[str] = []
    if result.title and not any(b.kind == "h1" for b in result.kept):
        parts.append(f"# {result.title}")
    previous_kind = None
    for block in result.kept:
        if parts:
            same_run = block.kind == previous_kind and block.kind in ("li", "tr")
            parts.append("\n" if same_run or (not block.para_start and block.kind == "p") else "\n\n")
        parts.append(_md_block(block.kind, block.text, previous_kind))
        previous_kind = block.kind
    return "".join(parts) + ("\n" if parts else "")
