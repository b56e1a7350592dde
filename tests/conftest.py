"""Shared fixtures: the bundled catalogue (loaded once) and throw-away copies of the bundled data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import ratify
from ratify._resources import bundled_data

REPO = Path(__file__).resolve().parents[1]
SHARED_FIXTURES = REPO.parent / "shared" / "fixtures"


@pytest.fixture(scope="session")
def cat() -> ratify.Catalog:
    return ratify.load()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder."""
    target = tmp_path / "data"
    shutil.copytree(bundled_data(), target)
    return target
