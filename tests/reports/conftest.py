"""Fixtures of the document tests: briefs rendered once per session with a fixed date."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from reports_support import DATE

import ratify


@pytest.fixture(scope="session")
def brief(cat: ratify.Catalog) -> Callable[..., str | bytes]:
    """render_brief with the tests' fixed date; results cached (rendering every state twice is slow)."""
    cache: dict[tuple[object, ...], str | bytes] = {}

    def render(state: str, lang: str = "en", fmt: str = "html", **options: object) -> str | bytes:
        key = (state, lang, fmt, tuple(sorted(options.items())))
        if key not in cache:
            cache[key] = ratify.render_brief(cat, state, lang=lang, fmt=fmt, date=DATE, **options)  # type: ignore[arg-type]
        return cache[key]

    return render
