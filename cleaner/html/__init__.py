"""HTML in: find the article body, and the metadata around it."""

from cleaner.html.extract import Extraction, extract_html

__all__ = ["Extraction", "extract_html"]
