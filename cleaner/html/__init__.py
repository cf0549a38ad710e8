"""HTML in: find the article body, and the metadata around it."""

from cleaner.html.extract import Extraction, extract_html
from cleaner.html.parse import HtmlError

__all__ = ["Extraction", "HtmlError", "extract_html"]
