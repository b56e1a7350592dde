"""The formats a document can be made in (the templates and writers of `render` and `docx`)."""

from __future__ import annotations

__all__ = ["FORMATS"]

FORMATS = ("html", "md", "docx")
