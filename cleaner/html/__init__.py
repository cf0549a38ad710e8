"""HTML in: find the article body, and the metadata around it."""

from cleaner.html.extract import extract_html
from cleaner.html.parse import HtmlError

__all__ = ["HtmlError", "extract_html"]
