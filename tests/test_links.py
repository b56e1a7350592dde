"""Which addresses a document may link to: a web address with no blank inside, whatever else the data holds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ratify.present.links import web_url

PREFIXES = st.sampled_from(["https://", "http://", "HTTPS://", "javascript:", "data:", "file://", " https://", ""])


@given(PREFIXES, st.text())
def test_only_a_web_address_without_blanks_is_linked(prefix: str, rest: str) -> None:
    url = prefix + rest
    stripped = url.strip()
    expected = (stripped if stripped.lower().startswith(("https://", "http://"))
                and not any(c.isspace() for c in stripped) else None)
    assert web_url(url) == expected


def test_examples() -> None:
    assert web_url(" https://treaties.un.org/x ") == "https://treaties.un.org/x"
    assert web_url("https://treaties.un.org/a b") is None
    assert web_url("https://treaties.un.org/a\u2028b") is None  # a line separator is a blank too
    assert web_url("javascript:alert(1)") is None
    assert web_url(None) is None and web_url("") is None
