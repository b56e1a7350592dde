"""Lookup keys of names: case, accents and punctuation do not matter, in any script."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from ratify.model.names import normalize

NON_WORD = re.compile(r"[\W_]+")


def _by_definition(name: str) -> str:
    """The key as the docstring defines it: casefold, decompose, drop combining marks, words by single spaces."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    return NON_WORD.sub(" ", "".join(c for c in folded if not unicodedata.combining(c))).strip()


@given(st.text(max_size=40))
def test_the_quick_path_gives_the_key_of_the_definition(name: str) -> None:
    assert normalize.__wrapped__(name) == _by_definition(name)


def test_real_names() -> None:
    assert normalize("Côte d’Ivoire") == normalize("cote d'ivoire") == "cote d ivoire"
    assert normalize("Türkiye") == "turkiye"
    assert normalize("Кыргызстан") == normalize("КЫРГЫЗСТАН")
    assert normalize("Иран (Исламская Республика)") == "иран исламская республика"
    assert normalize("XVIII-12-a") == "xviii 12 a"
