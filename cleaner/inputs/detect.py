"""Sniff what a document is: HTML or plain text."""

from __future__ import annotations

import re

_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html\b|<head\b|<body\b)",
    re.IGNORECASE | re.DOTALL,
)
_TAG_NAMES = (
    r"(?:p|div|span|a|br|article|section|h[1-6]|ul|ol|li|table|tr|td|meta|script|style|img|main|header|footer|nav"
    r"|blockquote|pre|em|strong|b|i|figure|title)"
)
_HTML_TAG = re.compile(rf"</?{_TAG_NAMES}\b[^>]*>", re.IGNORECASE)
_LEADING_ELEMENT = re.compile(rf"^\s*<({_TAG_NAMES})\b[^>]*>", re.IGNORECASE)


def sniff_format(text: str, name: str | None = None) -> str:
    """``html`` for HTML documents and fragments, judged by content first; else ``text``."""
    return "html" if _is_html(text, name) else "text"


def _is_html(text: str, name: str | None) -> bool:
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    if name and name.lower().removesuffix(".gz").endswith((".html", ".htm", ".xhtml")):
        return True
    # A fragment opening with an element that it closes again: "<p>One paragraph.</p>".
    leading = _LEADING_ELEMENT.match(head)
    if leading and re.search(rf"</{leading.group(1)}\s*>", head, re.IGNORECASE):
        return True
    # A fragment: several block tags, and markup making up a real share of the start.
    tags = _HTML_TAG.findall(head)
    if len(tags) >= 3:
        markup = sum(len(t) for t in tags)
        return head.lstrip().startswith("<") or markup * 20 > len(head)
    return False
