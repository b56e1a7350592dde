"""A cache of structured instrument files keyed by their bytes: a big data folder is parsed once.

Parsing TOML is the floor of a cold load: 1.8 s for the 407 instruments of the whole depositary.
An instrument file whose exact bytes were structured before is unpickled instead, several times
faster. The key is a hash of the file's bytes together with the code that structures them (the
schema, model and converter modules and ratify's version), so an edited file or another version of
ratify is read afresh; validation runs on every load either way.

Where: ``$RATIFY_CACHE_DIR``, else the user's cache folder (``$XDG_CACHE_HOME/ratify``,
``~/.cache/ratify``, ``~/Library/Caches/ratify``, ``%LOCALAPPDATA%\\ratify\\cache``).
``RATIFY_CACHE=0`` turns it off.

A pickle runs code when it is loaded, so no byte of an entry is unpickled unless it carries a valid
HMAC-SHA256 made with a random secret that only this user can read (``<cache>/hmac.key``, mode
0600, opened without following links and checked on the opened descriptor). The MAC covers the
entry's key and payload, and the payload is unpickled from the very bytes that were verified, so
swapping a folder, a link or a file between check and use gains nothing. On POSIX the folder itself
must be ours and writable by nobody else (checked on opened descriptors, every component under the
cache folder opened relative to it without following links), so nothing is ever written to or
removed from a place another user chose. A cache that cannot be used is "no cache", with one
warning line per process; it never fails a command.

Other parts of ratify keep their own payloads here the same way (`FileCache.get_blob`/`put_blob`: the code
jinja2 compiles from ratify's templates), under a MAC whose domain names their kind.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import pickle
import stat
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from ratify.store.schema import InstrumentFile

__all__ = ["FileCache", "cache_folder", "cache_problem", "default_cache"]

_MAX_ENTRIES = 4096  # beyond this, the older half is removed
_MAX_SNAPSHOTS = 8  # the snapshots of the folders written last (each as big as its folder's records)
_MAX_ENTRY_BYTES = 256 * 1024 * 1024  # an entry bigger than this is not one we wrote
KEY_FILE = "hmac.key"
ENTRIES = "instruments"
_SUFFIX = ".pickle"
_SNAPSHOT_SUFFIX = ".snapshot"  # a folder's snapshot: JSON, never unpickled
_SNAPSHOT_DOMAIN = b"ratify cache snapshot 1\0"  # in the key and the MAC, as for blobs
_BLOB_SUFFIX = ".blob"  # an opaque payload of some other part of ratify (compiled templates)
_BLOB_DOMAIN = b"ratify cache blob 1\0"  # in the key and the MAC: a blob is never taken for another entry
_SUFFIXES = (_SUFFIX, _SNAPSHOT_SUFFIX, _BLOB_SUFFIX)
_KEY_MAGIC = b"ratify-cache-key-1\n"
_KEY_BYTES = 32
_ENTRY_MAGIC = b"RTFYC01\n"
_MAC_BYTES = 32
_DOMAIN = b"ratify cache entry 1\0"
_STALE_TEMP_SECONDS = 3600.0

_POSIX = os.name == "posix" and hasattr(os, "O_NOFOLLOW") and os.open in os.supports_dir_fd
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)

_warned = False


def _warn_once(message: str) -> None:
    """At most one line on stderr per process about the cache: it is only a shortcut."""
    global _warned
    if not _warned:
        _warned = True
        import logging  # only when there is something to say: it costs start-up time

        logging.getLogger("ratify.cache").warning("ratify: warning: %s; data files are parsed without a cache",
                                                  message)


class CacheUnusable(Exception):  # internal: why the cache folder cannot be used
    """The cache folder cannot be used safely; the message says why."""


@functools.cache
def _code_fingerprint() -> bytes:
    """What the cached entries depend on: ratify's version and every module that defines, structures,
    checks or compiles them or makes a snapshot's status table — the model, the store and the queries
    (read as files, not imported: the cache sits below them)."""
    from ratify import __version__

    h = hashlib.blake2b(__version__.encode(), digest_size=16)
    h.update(f"{sys.version_info[:2]}".encode())
    package = Path(__file__).resolve().parent.parent
    modules = [package / "errors.py", package / "problems.py"]
    for layer in ("model", "store", "query"):
        modules += sorted((package / layer).glob("*.py"))
    for path in modules:
        h.update(path.relative_to(package).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
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


def _check_private_dir(fd: int, where: Path) -> None:
    """The opened folder is a folder of ours that no one else can write to."""
    st = os.fstat(fd)
    if not stat.S_ISDIR(st.st_mode):
        raise CacheUnusable(f"{where} is not a folder")
    if st.st_uid != os.geteuid():
        raise CacheUnusable(f"{where} belongs to another user")
    if st.st_mode & 0o022:
        raise CacheUnusable(f"{where} is writable by others")


def _check_key_file(fd: int, where: Path) -> None:
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        raise CacheUnusable(f"{where} is not a regular file")
    if st.st_uid != os.geteuid():
        raise CacheUnusable(f"{where} belongs to another user")
    if st.st_mode & 0o077:
        raise CacheUnusable(f"{where} can be read or written by others")


def _read_fd(fd: int, limit: int) -> bytes | None:
    """Every byte of the opened regular file, or None if it is not one or is bigger than `limit`."""
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
        return None
    chunks = []
    size = 0
    while True:
        chunk = os.read(fd, max(st.st_size - size, 0) + 65536)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


class FileCache:
    """Structured instrument files by the hash of their bytes, one authenticated pickle each (and folders'
    snapshots and other parts' blobs, authenticated the same way).

    The folder and its secret are opened on first use and held until `close()`.
    """

    def __init__(self, folder: Path) -> None:
        self.root = folder
        self.folder = folder / ENTRIES
        self._root_fd: int | None = None
        self._dir_fd: int | None = None
        self._secret: bytes | None = None
        self._state = "closed"  # closed | open | absent (nothing there yet) | unusable
        self.problem: str | None = None
        self._puts = 0

    # -- opening ---------------------------------------------------------------------------------

    def _open(self, *, create: bool) -> bool:
        """Whether the cache is open for use; on the first failure, why is kept in `problem` and warned."""
        if self._state == "open":
            return True
        if self._state == "unusable" or (self._state == "absent" and not create):
            return False
        try:
            self._open_folder(create=create)
        except FileNotFoundError:
            self._close_fds()
            self._state = "absent"
            return False
        except (CacheUnusable, OSError) as exc:
            self._close_fds()
            self._state = "unusable"
            self.problem = _describe(exc, self.root)
            _warn_once(f"cache folder not used: {self.problem}")
            return False
        self._state = "open"
        return True

    def _open_folder(self, *, create: bool) -> None:
        if not _POSIX:  # no descriptor-relative opening: paths, with the MAC as the guarantee
            if create:
                self.folder.mkdir(parents=True, exist_ok=True)
            self._secret = _load_or_make_key_path(self.root / KEY_FILE, create=create)
            if not self.folder.is_dir():
                raise FileNotFoundError(str(self.folder))
            return
        if create:
            self.root.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):
                os.mkdir(self.root, 0o700)
        self._root_fd = os.open(self.root, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
        _check_private_dir(self._root_fd, self.root)
        self._secret = _load_or_make_key(self._root_fd, self.root / KEY_FILE, create=create)
        if create:
            with contextlib.suppress(FileExistsError):
                os.mkdir(ENTRIES, 0o700, dir_fd=self._root_fd)
        self._dir_fd = os.open(ENTRIES, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=self._root_fd)
        _check_private_dir(self._dir_fd, self.folder)

    def _close_fds(self) -> None:
        for fd in (self._dir_fd, self._root_fd):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._dir_fd = self._root_fd = None

    def close(self) -> None:
        """Let go of the folder (a later use opens it again)."""
        self._close_fds()
        self._secret = None
        self._state = "closed"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        self._close_fds()

    def check(self) -> str | None:
        """Why the cache cannot be used, or None when it can (or holds nothing yet)."""
        self._open(create=False)
        return self.problem if self._state == "unusable" else None

    # -- entries ---------------------------------------------------------------------------------

    def key(self, data: bytes) -> str:
        return hashlib.blake2b(data, digest_size=20, key=_code_fingerprint()).hexdigest()

    def _mac(self, key: str, payload: bytes, domain: bytes = _DOMAIN) -> bytes:
        assert self._secret is not None
        return hmac.new(self._secret, domain + key.encode("ascii") + b"\0" + payload, hashlib.sha256).digest()

    def _open_entry(self, name: str) -> int:
        if self._dir_fd is not None:
            return os.open(name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=self._dir_fd)
        return os.open(self.folder / name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC | getattr(os, "O_BINARY", 0))

    def _unlink(self, name: str) -> None:
        with contextlib.suppress(OSError):
            if self._dir_fd is not None:
                os.unlink(name, dir_fd=self._dir_fd)
            else:
                os.unlink(self.folder / name)

    def get(self, data: bytes) -> InstrumentFile | None:
        """The file structured from `data` before, or None; an entry whose MAC fails is removed, never unpickled."""
        from ratify.store.schema import InstrumentFile  # not needed where only snapshots are read

        key = self.key(data)
        payload = self._verified(key, _SUFFIX)
        if payload is None:
            return None
        try:
            found = pickle.loads(payload)  # authenticated: written by this user's ratify
        except Exception:  # noqa: BLE001 - our own entry from an incompatible build: a miss
            return None
        return found if isinstance(found, InstrumentFile) else None

    def get_snapshot(self, digest: str) -> bytes | None:
        """The snapshot kept for the folder whose bytes have `digest` (see `ratify.store.snapshot`), or None;
        under a MAC of its own, so no other entry passes for it."""
        name, domain = self._named(_SNAPSHOT_DOMAIN, digest)
        return self._verified(name, _SNAPSHOT_SUFFIX, domain)

    def put_snapshot(self, digest: str, payload: bytes) -> None:
        """Keep the snapshot of the folder whose bytes have `digest`; fails quietly."""
        name, domain = self._named(_SNAPSHOT_DOMAIN, digest)
        self._put(name, payload, _SNAPSHOT_SUFFIX, domain)

    def get_blob(self, kind: str, key: str) -> bytes | None:
        """The payload kept as `key` of `kind` (say ``"jinja2"``) by `put_blob`, or None; authenticated like every
        entry, under a MAC of its own (the kind included), so no other entry, of ratify's or not, passes for it."""
        name, domain = self._named(_BLOB_DOMAIN + kind.encode() + b"\0", key)
        return self._verified(name, _BLOB_SUFFIX, domain)

    def put_blob(self, kind: str, key: str, payload: bytes) -> None:
        """Keep `payload` as `key` of `kind`, for `get_blob`; fails quietly."""
        name, domain = self._named(_BLOB_DOMAIN + kind.encode() + b"\0", key)
        self._put(name, payload, _BLOB_SUFFIX, domain)

    def _named(self, domain: bytes, key: str) -> tuple[str, bytes]:
        """The entry's name for `key` under `domain`, and the domain (which its MAC covers too)."""
        return self.key(domain + key.encode()), domain

    def _verified(self, key: str, suffix: str, domain: bytes = _DOMAIN) -> bytes | None:
        """The payload of the entry `key` if its MAC is valid; an entry whose MAC fails is removed."""
        if not self._open(create=False):
            return None
        name = key + suffix
        try:
            fd = self._open_entry(name)
        except OSError:
            return None  # missing, a link, or unreadable: a miss
        try:
            blob = _read_fd(fd, _MAX_ENTRY_BYTES)
        except OSError:
            blob = None
        finally:
            os.close(fd)
        head = len(_ENTRY_MAGIC) + _MAC_BYTES
        if blob is None or len(blob) < head or not blob.startswith(_ENTRY_MAGIC):
            self._unlink(name)
            return None
        payload = blob[head:]
        if not hmac.compare_digest(blob[len(_ENTRY_MAGIC):head], self._mac(key, payload, domain)):
            self._unlink(name)  # not ours (or written with an older secret): never used
            return None
        return payload

    def put(self, data: bytes, value: InstrumentFile) -> None:
        """Remember `value` as the structure of `data`; fails quietly (the cache is only a shortcut)."""
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        self._put(self.key(data), payload, _SUFFIX)

    def _put(self, key: str, payload: bytes, suffix: str, domain: bytes = _DOMAIN) -> None:
        if not self._open(create=True):
            return
        blob = _ENTRY_MAGIC + self._mac(key, payload, domain) + payload
        tmp = f".{key}.{os.urandom(6).hex()}.tmp"
        with contextlib.suppress(OSError):
            if self._dir_fd is not None:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600,
                             dir_fd=self._dir_fd)
            else:
                fd = os.open(self.folder / tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                             0o600)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(blob)
                if self._dir_fd is not None:
                    os.rename(tmp, key + suffix, src_dir_fd=self._dir_fd, dst_dir_fd=self._dir_fd)  # replaces on POSIX
                else:
                    os.replace(self.folder / tmp, self.folder / (key + suffix))
            except BaseException:
                self._unlink(tmp)
                raise
            self._puts += 1
            if self._puts == 1:
                self._prune()

    # -- housekeeping ----------------------------------------------------------------------------

    def _names(self) -> list[str]:
        try:
            return os.listdir(self._dir_fd if self._dir_fd is not None else self.folder)
        except OSError:
            return []

    def _stat(self, name: str) -> os.stat_result | None:
        try:
            if self._dir_fd is not None:
                return os.stat(name, dir_fd=self._dir_fd, follow_symlinks=False)
            return os.stat(self.folder / name, follow_symlinks=False)
        except OSError:
            return None

    def clear(self) -> int:
        """Remove every entry (and stray temporary files); the number of entries removed."""
        if not self._open(create=False):
            return 0
        removed = 0
        for name in self._names():
            if name.endswith(_SUFFIXES) or (name.startswith(".") and name.endswith(".tmp")):
                self._unlink(name)
                removed += name.endswith(_SUFFIXES)
        return removed

    def size(self) -> tuple[int, int]:
        """(entries, bytes) held."""
        if not self._open(create=False):
            return 0, 0
        entries = [n for n in self._names() if n.endswith(_SUFFIXES)]
        total = 0
        for name in entries:
            st = self._stat(name)
            total += st.st_size if st is not None else 0
        return len(entries), total

    def _prune(self) -> None:
        """Keep the folder bounded: the newest `_MAX_SNAPSHOTS` folder snapshots stay, the older half of the
        entries goes past `_MAX_ENTRIES`, stale temporary files go."""
        names = self._names()
        now = time.time()
        entries = []
        for name in names:
            if name.startswith(".") and name.endswith(".tmp"):
                st = self._stat(name)
                if st is not None and now - st.st_mtime > _STALE_TEMP_SECONDS:
                    self._unlink(name)
            elif name.endswith(_SUFFIXES):
                entries.append(name)

        def age(name: str) -> float:
            st = self._stat(name)
            return st.st_mtime if st is not None else 0.0

        snapshots = [n for n in entries if n.endswith(_SNAPSHOT_SUFFIX)]
        for old in sorted(snapshots, key=age, reverse=True)[_MAX_SNAPSHOTS:]:  # a snapshot is a whole folder
            self._unlink(old)
            entries.remove(old)
        if len(entries) <= _MAX_ENTRIES:
            return
        for old in sorted(entries, key=age)[: len(entries) // 2]:
            self._unlink(old)


def _parse_key(blob: bytes | None, where: Path) -> bytes:
    if blob is None or len(blob) != len(_KEY_MAGIC) + _KEY_BYTES or not blob.startswith(_KEY_MAGIC):
        raise CacheUnusable(f"{where} is not a ratify cache key")
    return blob[len(_KEY_MAGIC):]


def _load_or_make_key(root_fd: int, where: Path, *, create: bool) -> bytes:
    """The secret of the cache: read from the key file (opened without following links, checked on its
    descriptor), or made (exclusively, mode 0600) when there is none yet and `create`."""
    for _attempt in range(50):
        try:
            fd = os.open(KEY_FILE, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=root_fd)
        except FileNotFoundError:
            if not create:
                raise
            _make_key(root_fd)
            continue
        try:
            _check_key_file(fd, where)
            blob = _read_fd(fd, 4096)
        finally:
            os.close(fd)
        if blob is not None and len(blob) < len(_KEY_MAGIC) + _KEY_BYTES \
                and (blob.startswith(_KEY_MAGIC) or _KEY_MAGIC.startswith(blob)):
            time.sleep(0.01)  # another process is writing it right now
            continue
        return _parse_key(blob, where)
    raise CacheUnusable(f"{where} is not a ratify cache key")


def _make_key(root_fd: int) -> None:
    try:
        fd = os.open(KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600, dir_fd=root_fd)
    except FileExistsError:
        return  # another process made it first: read theirs
    try:
        os.write(fd, _KEY_MAGIC + os.urandom(_KEY_BYTES))
        os.fsync(fd)
    finally:
        os.close(fd)


def _load_or_make_key_path(path: Path, *, create: bool) -> bytes:
    """The secret where descriptors relative to a folder are not available (Windows): by path."""
    if not path.exists():
        if not create:
            raise FileNotFoundError(str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError), open(path, "xb") as fh:
            fh.write(_KEY_MAGIC + os.urandom(_KEY_BYTES))
    return _parse_key(path.read_bytes(), path)


def _describe(exc: BaseException, root: Path) -> str:
    if isinstance(exc, CacheUnusable):
        return str(exc)
    if isinstance(exc, OSError):
        import errno

        where = root / os.fsdecode(exc.filename) if exc.filename is not None else root  # relative: inside root
        if exc.errno in (errno.ELOOP, errno.ENOTDIR, getattr(errno, "EMLINK", -1)) and os.path.islink(where):
            return f"{where} is a symbolic link"  # O_NOFOLLOW refused it (ENOTDIR with O_DIRECTORY)
        if exc.errno == errno.ENOTDIR:
            return f"{where} is not a folder"
        return f"{where}: {exc.strerror or exc}"
    return str(exc)


def default_cache() -> FileCache | None:
    """The cache to use now, or None if it is turned off. It opens (and checks) its folder on first use."""
    folder = cache_folder()
    return FileCache(folder) if folder is not None else None


def cache_problem() -> str | None:
    """Why the cache cannot be used right now (None if it can, or is turned off), without warning."""
    folder = cache_folder()
    if folder is None:
        return None
    global _warned
    was, _warned = _warned, True  # the caller reports it itself
    try:
        with FileCache(folder) as cache:
            return cache.check()
    finally:
        _warned = was
