"""Shared fixtures: the bundled catalogue (loaded once) and throw-away copies of the bundled data."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import ratify
from ratify.resources import bundled_data

REPO = Path(__file__).resolve().parents[1]
SHARED_FIXTURES = REPO.parent / "shared" / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The cache of parsed data files lives in the session's temporary folder, not the user's."""
    folder = tmp_path_factory.mktemp("ratify-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RATIFY_CACHE_DIR", str(folder))
        mp.delenv("RATIFY_CACHE", raising=False)
        yield folder


@pytest.fixture(scope="session")
def cat() -> ratify.Catalog:
    return ratify.load()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder."""
    target = tmp_path / "data"
    shutil.copytree(bundled_data(), target)
    return target
