"""Everything that shapes how a document is cleaned, passed as one value."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cleaner.rules import RuleSet
from cleaner.templates import Batch

if TYPE_CHECKING:
    from cleaner.html.classifier import HtmlModel
    from cleaner.text.model import TextModel

INPUT_FORMATS = ("auto", "text", "html")


@dataclass(frozen=True)
class MarkupOptions:
    """Which inline markup HTML blocks keep for the renderers that show it (markdown, html); trafilatura's
    switches of the same names. Text and JSON output never change with them, but for --images' picture blocks."""

    formatting: bool = False
    """Emphasis, strong, inline code, struck-out text."""
    links: bool = False
    images: bool = False

    @property
    def any(self) -> bool:
        return self.formatting or self.links or self.images


@dataclass(frozen=True)
class Options:
    """How to read a document (``input_format``), the rules in force, and text mode's line model."""

    input_format: str = "auto"
    rules: RuleSet = field(default_factory=RuleSet.default)
    text_model: TextModel | None = None
    """The fitted model text mode scores lines with; None for the one shipped with the package."""
    markup: MarkupOptions = field(default_factory=MarkupOptions)
    """The inline markup HTML blocks keep (--formatting, --links, --images)."""
    html_model: HtmlModel | None = None
    """The fitted block classifier HTML mode decides blocks with; None for the one shipped with the package."""
    batch: Batch | None = None
    """The document's place in a batch and the batch's site templates (TEMPLATE001); None alone: no templates."""

    def __post_init__(self) -> None:
        if self.input_format not in INPUT_FORMATS:
            raise ValueError(f"input format must be one of {', '.join(INPUT_FORMATS)}")
