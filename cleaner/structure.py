"""Text mode: find the article among everything else on a flattened page.

Placeholder until the structural classifier lands: passes decisions through.
"""

from __future__ import annotations

from cleaner.model import Decision, Metadata
from cleaner.rules import RuleSet


def classify_structure(decisions: list[Decision], rules: RuleSet) -> tuple[list[Decision], Metadata | None]:
    """Revise pattern-rule decisions with the page's structure; also returns metadata found."""
    return decisions, None
