"""Shared fixtures: the bundled catalogue (loaded once) and throw-away copies of the bundled data."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
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
# no proxy: a test's request to its own server on 127.0.0.1 must not be sent anywhere else
for _var in ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
             "NO_PROXY"):
    os.environ.pop(_var, None)

import ratify
from ratify.resources import bundled_data

REPO = Path(__file__).resolve().parents[1]
SHARED_FIXTURES = REPO.parent / "shared" / "fixtures"


class NonLoopbackConnection(AssertionError):
    """A test tried to open a network connection to an address other than this machine's."""


def _loopback_only(family: int, address: object) -> None:
    if family not in (socket.AF_INET, socket.AF_INET6):
        return  # Unix sockets and the like never leave the machine
    host = address[0] if isinstance(address, tuple) else address
    try:
        loopback = ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        loopback = str(host).lower() == "localhost"
    if not loopback:
        raise NonLoopbackConnection(f"a test tried to connect to {address!r}: tests use the loopback only")


@pytest.fixture(scope="session", autouse=True)
def _no_network_but_loopback() -> Iterator[None]:
    """Every connection any test opens goes to 127.0.0.1 or ::1, or fails the test (see test_update)."""
    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex

    def guarded_connect(self: socket.socket, address: object) -> None:
        _loopback_only(self.family, address)
        connect(self, address)  # type: ignore[arg-type]

    def guarded_connect_ex(self: socket.socket, address: object) -> int:
        _loopback_only(self.family, address)
        return connect_ex(self, address)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", guarded_connect)
        mp.setattr(socket.socket, "connect_ex", guarded_connect_ex)
        yield


@pytest.fixture(scope="session", autouse=True)
def _no_user_data_folder_left_behind() -> Iterator[None]:
    """A test that makes the user's data folder does so in a home of its own: the session's stays empty,
    or every later `ratify.load()` would read it instead of the bundled snapshot."""
    from ratify.store.location import user_data_folder

    yield
    assert not user_data_folder().exists(), f"a test left a user data folder at {user_data_folder()}"


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


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own (empty), warned about afresh."""
    from ratify.store import cache as cache_module

    folder = tmp_path / "cache"
    monkeypatch.setenv("RATIFY_CACHE_DIR", str(folder))
    monkeypatch.setattr(cache_module, "_warned", False)
    return folder
