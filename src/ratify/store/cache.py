"""A cache of structured instrument files keyed by their bytes: a big data folder is parsed once.

Parsing TOML is the floor of a cold load: 1.8 s for the 407 instruments of the whole depositary.
An instrument file whose exact bytes were structured before is unpickled instead, several times
faster. The key is a hash of the file's bytes together with the code that structures them (the
schema, model and converter modules and ratify's version), so an edited file or another version of
ratify is read afresh; validation runs on every load either way.

Where: ``$RATIFY_CACHE_DIR``, else the user's cache folder (``$XDG_CACHE_HOME/ratify``,
``~/.cache/ratify``, ``~/Library/Caches/ratify``, ``%LOCALAPPDATA%\\ratify\\cache``).
``RATIFY_CACHE=0`` turns it off. A pickle runs code when it is loaded, so a cache folder that
another user owns or can write to is never read. Any failure of the cache (a read-only home, a
damaged entry) only means the file is parsed as if there were no cache.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

from ratify.store.schema import InstrumentFile

__all__ = ["FileCache", "cache_folder", "default_cache"]

_MAX_ENTRIES = 4096  # beyond this, the older half is removed


@functools.cache
def _code_fingerprint() -> bytes:
    """What the cached objects depend on: ratify's version and the modules that define and structure them."""
    from ratify import __version__
    from ratify.model import records, rules
    from ratify.store import convert, schema

    h = hashlib.blake2b(__version__.encode(), digest_size=16)
    h.update(f"{sys.version_info[:2]}".encode())
    for module in (schema, records, rules, convert):
        h.update(Path(module.__file__ or "").read_bytes())
    return h.digest()


def cache_folder() -> Path | None:
    """The folder the cache uses, or None when it is turned off (``RATIFY_CACHE=0``)."""
    if os.environ.get("RATIFY_CACHE", "1").strip().lower() in ("0", "no", "false", "off"):
        return None
    if os.environ.get("RATIFY_CACHE_DIR"):
        return Path(os.environ["RATIFY_CACHE_DIR"])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "ratify" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ratify"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ratify"


class FileCache:
    """Structured instrument files by the hash of their bytes, one pickle each."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "instruments"

    def key(self, data: bytes) -> str:
        return hashlib.blake2b(data, digest_size=20, key=_code_fingerprint()).hexdigest()

    def get(self, data: bytes) -> InstrumentFile | None:
        """The file structured from `data` before, or None."""
        try:
            with open(self.folder / f"{self.key(data)}.pickle", "rb") as fh:
                found = pickle.load(fh)
        except Exception:  # noqa: BLE001 - a missing or damaged entry is a miss, whatever broke it
            return None
        return found if isinstance(found, InstrumentFile) else None

    def put(self, data: bytes, value: InstrumentFile) -> None:
        """Remember `value` as the structure of `data`; fails silently (the cache is only a shortcut)."""
        with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
            if not _safe_folder(self.folder, create=True):
                return
            target = self.folder / f"{self.key(data)}.pickle"
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
            self._prune()

    def clear(self) -> int:
        """Remove every entry; the number removed."""
        removed = 0
        for entry in self._entries():
            with contextlib.suppress(OSError):
                entry.unlink()
                removed += 1
        return removed

    def size(self) -> tuple[int, int]:
        """(entries, bytes) held."""
        entries = list(self._entries())
        total = 0
        for entry in entries:
            with contextlib.suppress(OSError):
                total += entry.stat().st_size
        return len(entries), total

    def _entries(self) -> list[Path]:
        try:
            return list(self.folder.glob("*.pickle"))
        except OSError:
            return []

    def _prune(self) -> None:
        entries = self._entries()
        if len(entries) <= _MAX_ENTRIES:
            return

        def age(p: Path) -> float:
            try:
                return p.stat().st_mtime
            except OSError:
                return 0.0

        for old in sorted(entries, key=age)[: len(entries) // 2]:
            with contextlib.suppress(OSError):
                old.unlink()


def _safe_folder(folder: Path, *, create: bool = False) -> bool:
    """Whether `folder` (and its parent, the cache root) is ours alone; made private to us if `create`."""
    if create:
        try:
            folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            folder.mkdir(exist_ok=True, mode=0o700)
        except OSError:
            return False
    if os.name != "posix":
        return folder.is_dir()
    for path in (folder.parent, folder):
        try:
            st = path.stat()
        except OSError:
            return False
        if st.st_uid != os.getuid() or st.st_mode & 0o022:
            return False
    return True


def default_cache() -> FileCache | None:
    """The cache to use now, or None if it is off or its folder is not safe to read."""
    folder = cache_folder()
    if folder is None:
        return None
    cache = FileCache(folder)
    if cache.folder.exists() and not _safe_folder(cache.folder):
        return None
    return cache
