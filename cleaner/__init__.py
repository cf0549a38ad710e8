"""cleaner: get the article, only the article, out of scraped text and HTML."""

import cleaner._compiled  # noqa: F401  (first: it decides whether compiled modules load; see there)
from cleaner.errors import CleanerError, DocumentError, InternalError
from cleaner.html import HtmlError
from cleaner.inputs.decode import DecodeError
from cleaner.model import Block, Decision, Metadata, Removal, Result
from cleaner.pipeline import Options, clean_batch, clean_bytes, clean_text
from cleaner.rules import Rule, RuleError, RuleSet

__version__ = "0.1.0"

__all__ = [
    "Block",
    "CleanerError",
    "Decision",
    "DecodeError",
    "DocumentError",
    "HtmlError",
    "InternalError",
    "Metadata",
    "Options",
    "Removal",
    "Result",
    "Rule",
    "RuleError",
    "RuleSet",
    "__version__",
    "clean_batch",
    "clean_bytes",
    "clean_text",
]
