"""One pipeline, data flowing one way: bytes -> text -> blocks -> decisions -> Result."""

from __future__ import annotations

from dataclasses import dataclass, field

from cleaner.classify import classify_blocks, remove_kept_repeats
from cleaner.inputs.decode import decode
from cleaner.inputs.detect import sniff_format
from cleaner.model import Metadata, Result
from cleaner.rules import RuleSet
from cleaner.structure import classify_structure
from cleaner.textblocks import split_lines

INPUT_FORMATS = ("auto", "text", "html")


@dataclass(frozen=True)
class Options:
    """Everything that shapes how a document is cleaned, passed as one value."""

    input_format: str = "auto"
    rules: RuleSet = field(default_factory=RuleSet.default)

    def __post_init__(self) -> None:
        if self.input_format not in INPUT_FORMATS:
            raise ValueError(f"input format must be one of {', '.join(INPUT_FORMATS)}")


def clean_text(text: str, options: Options | None = None, source: str | None = None) -> Result:
    """Clean a decoded document (plain text or HTML)."""
    options = options or Options()
    kind = options.input_format
    if kind == "auto":
        kind = sniff_format(text, source)
    if kind == "html":
        from cleaner.html import extract_html

        extraction = extract_html(text, options.rules)
        decisions = extraction.decisions
        kept_blocks = [d.block for d in decisions if d.kept]
        judged = iter(classify_blocks(kept_blocks, options.rules))
        merged = [next(judged) if d.kept else d for d in decisions]
        return Result(tuple(merged), extraction.metadata, "html", source)
    blocks = split_lines(text)
    decisions = classify_blocks(blocks, options.rules)
    decisions, metadata = classify_structure(decisions, options.rules)
    decisions = remove_kept_repeats(decisions, options.rules)  # last, so that cleaning is idempotent
    return Result(tuple(decisions), metadata or Metadata(), "text", source)


def clean_bytes(data: bytes, options: Options | None = None, source: str | None = None) -> Result:
    """Clean raw document bytes; raises DecodeError for input that is not text."""
    return clean_text(decode(data), options, source)
