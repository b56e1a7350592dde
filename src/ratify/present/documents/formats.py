"""The formats a document can be made in (the templates and writers of `render`, `docx` and `pdf`)."""

from __future__ import annotations

__all__ = ["FORMATS"]

FORMATS = ("html", "md", "docx", "pdf")
