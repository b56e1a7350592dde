"""Shared fixtures: the bundled catalogue (loaded once) and throw-away copies of the bundled data."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before ratify or any test module is imported: the whole run sees a throw-away home, so no test (and no
# module that loads data when imported) reads or writes the user's own cache, data or config folders.
_HOME = tempfile.mkdtemp(prefix="ratify-test-home-")
for _var in ("HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = _HOME if _var == "HOME" else os.path.join(_HOME, _var.lower())
for _var in ("RATIFY_DATA", "RATIFY_CACHE_DIR", "RATIFY_CACHE", "RATIFY_UNTC_URL"):
    os.environ.pop(_var, None)

import ratify  # noqa: E402
from ratify.resources import bundled_data  # noqa: E402

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
