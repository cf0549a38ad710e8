"""Text in: find the article on a page flattened to lines, and the metadata around it."""

from cleaner.text.extract import extract_text

__all__ = ["extract_text"]
