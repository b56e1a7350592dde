"""Which addresses a document or a notebook display may link to: web addresses only."""

from __future__ import annotations

__all__ = ["web_url"]


def web_url(url: str | None) -> str | None:
    """`url` if it is a web address (http or https, no blank inside); anything else (javascript:, data:, a
    local file, …) is not linked."""
    if not url:
        return None
    url = url.strip()
    if url.lower().startswith(("https://", "http://")) and len(url.split()) == 1:  # split(): at every blank
        return url
    return None
