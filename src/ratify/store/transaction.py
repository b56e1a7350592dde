"""Data folders are written all or nothing, one writer at a time, and read whole.

A writer takes an exclusive lock on the folder (``flock`` on ``<folder>/.ratify.lock``; a second
writer waits, saying so on one line, then gives up with a clear error), reads the folder afresh
under the lock, and commits its files as SQLite commits a page set, with a journal:

1. every new file is written in full to a temporary sibling, and every file it replaces gets a
   second (hard-linked) name as a backup; all of them are put on disk;
2. the journal ``<folder>/.ratify-journal`` listing each rename (with the new bytes' SHA-256) is
   written, put on disk and renamed into place — **the commit point**;
3. the files are renamed into place, the folders put on disk, the backups and the journal removed.

A writer killed before step 2 leaves only temporary files: the folder is as before and the next
open removes them. Killed after it, the next open finds the journal and finishes the renames: the
folder is as after. A writer that fails (not killed) after the commit point puts the old files back
itself, first turning the journal round so that a kill during that is undone the same way.

Readers take a shared lock while they read where the folder has a lock file (every folder a writer
has touched): they never see a half-written folder. A folder without one (the bundled snapshot,
read-only inside the installed package) is never written to, not even a lock file; a reader checks
after reading that no writer appeared meanwhile. Before reading, a leftover journal is rolled
forward (or back) and leftovers are removed — by any command that opens the folder.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from ratify.errors import DataError, OutputError, problem
from ratify.store.atomic import mode_for

try:
    import fcntl

    _EX, _SH, _NB = fcntl.LOCK_EX, fcntl.LOCK_SH, fcntl.LOCK_NB

    def _try_lock(fd: int, op: int) -> None:
        fcntl.flock(fd, op | _NB)
except ImportError:  # pragma: no cover - Windows: no advisory locks; the journal still makes writes all or nothing
    _EX, _SH, _NB = 2, 1, 4

    def _try_lock(fd: int, op: int) -> None:
        return None

__all__ = [
    "JOURNAL_NAME",
    "LOCK_NAME",
    "Transaction",
    "create_folder",
    "is_empty_folder",
    "lock_timeout",
    "read_locked",
    "recover",
    "writing",
]

T = TypeVar("T")

LOCK_NAME = ".ratify.lock"
JOURNAL_NAME = ".ratify-journal"
_TEMP = ".ratify-tmp"  # a new file not yet in place
_OLD = ".ratify-old"  # a backup name of a file being replaced
_LEFTOVER = re.compile(r"^\..+\.(ratify-tmp|ratify-old|tmp|bak)$")  # ours, and those of older versions
_SUBFOLDERS = ("instruments",)  # where a data folder keeps its data files, besides its top
_KEPT = "fetched"  # pages kept as fetched by `ratify update`: fetched/<MTDSG>/<stamp>.html and .toml
_KEPT_NAME = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-]{0,63}")  # an MTDSG number as a folder name
_DEFAULT_TIMEOUT = 60.0




class _Held(threading.local):
    """Folders this thread holds a lock on (real path → "ex" or "sh"): a read nested in a write passes through."""

    def __init__(self) -> None:
        self.folders: dict[str, str] = {}


_held = _Held().folders


def lock_timeout() -> float:
    """How long to wait for another ratify process writing a folder: ``RATIFY_LOCK_TIMEOUT`` seconds, else 60."""
    try:
        return max(0.0, float(os.environ.get("RATIFY_LOCK_TIMEOUT", "")))
    except ValueError:
        return _DEFAULT_TIMEOUT


def _key(folder: Path) -> str:
    return os.path.realpath(folder)


# -- locks -------------------------------------------------------------------------------------------


def _flock(fd: int, op: int, folder: Path, timeout: float, what: str) -> None:
    """Take the lock `op`, waiting up to `timeout` seconds with one line on stderr, else an OutputError."""
    try:
        _try_lock(fd, op)
        return
    except BlockingIOError:
        pass
    import logging  # only when there is something to say: it costs start-up time

    logging.getLogger("ratify.store").warning(
        "ratify: %s: another ratify process is writing this folder; waiting up to %.0f s to %s",
        folder, timeout, what)
    deadline = time.monotonic() + timeout
    delay = 0.01
    while True:
        try:
            _try_lock(fd, op)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise OutputError(f"{folder}: another ratify process is still writing this folder after "
                                  f"{timeout:.0f} s; nothing was {'written' if what == 'write' else 'read'} "
                                  "(set RATIFY_LOCK_TIMEOUT to wait longer)") from None
            time.sleep(delay)
            delay = min(delay * 2, 0.1)


def _open_lock(folder: Path, *, create: bool) -> int | None:
    """A descriptor of the folder's lock file (made if `create`), or None if it has none."""
    path = folder / LOCK_NAME
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    if create:
        flags |= os.O_CREAT
    try:
        return os.open(path, flags, 0o644)
    except FileNotFoundError:
        if create:
            raise
        return None


def _still_linked(fd: int, folder: Path) -> bool:
    """Whether the lock file we hold is still the folder's (a failed first write may remove it)."""
    try:
        a, b = os.fstat(fd), os.stat(folder / LOCK_NAME, follow_symlinks=False)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


@contextlib.contextmanager
def _exclusive(folder: Path, timeout: float) -> Iterator[int]:
    while True:
        try:
            try:
                fd = _open_lock(folder, create=True)
            except FileNotFoundError:  # removed by a writer that failed on it while it was new
                folder.mkdir(parents=True, exist_ok=True)
                fd = _open_lock(folder, create=True)
        except OSError as exc:
            raise OutputError(f"{folder}: cannot lock the folder for writing: {exc.strerror or exc}") from exc
        assert fd is not None
        try:
            _flock(fd, _EX, folder, timeout, "write")
        except BaseException:
            os.close(fd)
            raise
        if _still_linked(fd, folder):
            break
        os.close(fd)  # the folder was removed and made again meanwhile: lock the new one
    _held[_key(folder)] = "ex"
    try:
        yield fd
    finally:
        _held.pop(_key(folder), None)
        os.close(fd)  # releases the lock


# -- a new folder ----------------------------------------------------------------------------------


_NEW = ".ratify-new"  # a folder being made beside its target


def create_folder(src: Path, dst: Path) -> None:
    """Copy the folder `src` to the new (or empty) folder `dst`, all or nothing, with its lock file.

    The copy is made in a hidden sibling (locked while it is being made), flushed and renamed into
    place. Siblings that a killed copy left (no one holds their lock) are removed first.
    """
    import shutil
    import tempfile

    if dst.exists() and (not dst.is_dir() or any(dst.iterdir())):
        raise OutputError(f"{dst}: already exists and is not an empty folder")
    try:
        dst.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_copies(dst)
        tmp = Path(tempfile.mkdtemp(prefix=f".{dst.name}.", suffix=_NEW, dir=dst.parent))
    except OSError as exc:
        raise OutputError(f"{dst}: cannot create: {exc.strerror or exc}") from exc
    try:
        fd = _open_lock(tmp, create=True)
        assert fd is not None
        try:
            _try_lock(fd, _EX)
            shutil.copytree(src, tmp, dirs_exist_ok=True, copy_function=_copy_or_stop,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", LOCK_NAME, JOURNAL_NAME))
            os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes it private; a data folder is as any folder
            _sync_files([])
            if dst.exists():
                dst.rmdir()
            os.replace(tmp, dst)
            _fsync_dir(dst.parent)
        finally:
            os.close(fd)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        cause = exc.error if isinstance(exc, _CopyFailed) else exc
        if isinstance(cause, OSError):  # one sentence, not shutil's list of every file that failed
            raise OutputError(f"{dst}: cannot create: {_reason(cause)}; nothing was written") from cause
        raise


class _CopyFailed(Exception):
    """Stops a folder copy at the first file that fails (copytree would try every other file, and list them all)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


def _copy_or_stop(src: str, dst: str) -> object:
    import shutil

    try:
        return shutil.copy2(src, dst)
    except OSError as exc:
        raise _CopyFailed(exc) from exc


def _reason(exc: OSError) -> str:
    import shutil

    if exc.strerror:
        return exc.strerror
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        first = exc.args[0][0]  # (source, destination, why) of the first file that failed
        more = len(exc.args[0]) - 1
        return f"{first[-1]}" + (f" (and {more} more)" if more else "")
    return str(exc)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove_stale_copies(dst: Path) -> None:
    """Remove the half-made copies a killed `create_folder` left beside `dst` (none is locked any more)."""
    import glob
    import shutil

    for sibling in dst.parent.glob(f".{glob.escape(dst.name)}.*{_NEW}"):
        with contextlib.suppress(OSError):
            fd = _open_lock(sibling, create=False)
            if fd is None:  # killed before it could lock: stale once it is a minute old
                if time.time() - sibling.stat().st_mtime > 60:
                    shutil.rmtree(sibling)
                continue
            try:
                _try_lock(fd, _EX)  # BlockingIOError: a copy still being made
                shutil.rmtree(sibling)
            finally:
                os.close(fd)


# -- the transaction ---------------------------------------------------------------------------------


class Transaction:
    """The files one writer puts into a folder: `stage()` them, they are committed together on exit."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[str, bytes] = {}

    def stage(self, rel: str, payload: bytes) -> None:
        """Add (or replace) the file `rel` (a path relative to the folder, with /) with `payload`."""
        _check_rel(rel)
        self.files[rel] = payload

    def update(self, files: dict[str, bytes]) -> None:
        for rel, payload in files.items():
            self.stage(rel, payload)


@contextlib.contextmanager
def writing(folder: str | os.PathLike[str], *, timeout: float | None = None) -> Iterator[Transaction]:
    """Lock `folder` for writing (making it if need be), recover what a killed writer left, yield a
    Transaction; its staged files are committed, all or none, when the block ends without an error.

    Read the folder inside the block: what was read before the lock may be stale. A folder this
    made is removed again if nothing was committed to it.
    """
    root = Path(folder)
    made = False
    try:
        if not root.is_dir():
            root.mkdir(parents=True)
            made = True
    except FileExistsError:
        pass
    except OSError as exc:
        raise OutputError(f"{root}: cannot create: {exc.strerror or exc}") from exc
    wait = lock_timeout() if timeout is None else timeout
    committed = False
    with _exclusive(root, wait):
        try:
            _recover_locked(root)
            tx = Transaction(root)
            yield tx
            if tx.files:
                _commit(root, tx.files)
                committed = True
        finally:
            if made and not committed:
                _remove_if_empty(root)


def _remove_if_empty(root: Path) -> None:
    with contextlib.suppress(OSError):
        if is_empty_folder(root):
            for sub in _SUBFOLDERS:
                with contextlib.suppress(FileNotFoundError):
                    (root / sub).rmdir()
            (root / LOCK_NAME).unlink()
            root.rmdir()


def is_empty_folder(folder: Path) -> bool:
    """Whether `folder` holds no data: nothing but its lock file, leftovers, or empty sub-folders."""
    try:
        names = os.listdir(folder)
        for name in names:
            if name == LOCK_NAME or _LEFTOVER.match(name):
                continue
            if name in _SUBFOLDERS and (folder / name).is_dir() and not any(
                    not _LEFTOVER.match(n) for n in os.listdir(folder / name)):
                continue
            return False
    except FileNotFoundError:
        return True
    except OSError:
        return False  # what cannot be listed is not known to be empty: reading it will say why
    return True


def _check_rel(rel: str) -> None:
    """`rel` names a file of a data folder: at its top, in instruments/, or a kept page in fetched/<MTDSG>/."""
    parts = rel.split("/")
    kept = len(parts) == 3 and parts[0] == _KEPT and _KEPT_NAME.fullmatch(parts[1]) is not None
    if rel.startswith("/") or any(p in ("", ".", "..") for p in parts) or len(parts) > 3 or \
            (len(parts) == 2 and parts[0] not in _SUBFOLDERS) or (len(parts) == 3 and not kept) or \
            parts[-1].startswith("."):
        raise ValueError(f"not a data file of a folder: {rel!r}")


def _data_dirs(root: Path) -> list[str]:
    """The folders of a data folder that hold files, relative to it: its top, instruments/, fetched/<MTDSG>/."""
    dirs = ["", *_SUBFOLDERS]
    with contextlib.suppress(OSError):
        dirs += [f"{_KEPT}/{n}" for n in sorted(os.listdir(root / _KEPT))
                 if _KEPT_NAME.fullmatch(n) and (root / _KEPT / n).is_dir()]
    return dirs


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_new(path: Path, payload: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view):]
        os.fchmod(fd, mode)
    finally:
        os.close(fd)


def _sync_files(paths: list[Path]) -> None:
    """Put the staged files on disk before the journal: one sync of the file systems where the OS has
    it (an fsync per file made writing 407 instruments ten times slower), else one fsync each."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _commit(root: Path, files: dict[str, bytes]) -> None:
    import shutil

    token = os.urandom(4).hex()
    entries: list[dict[str, str | None]] = []
    made: list[Path] = []
    journal = root / JOURNAL_NAME
    committed = False
    try:
        for rel, payload in files.items():
            target = root / rel
            missing = [d for d in (target.parent, *target.parent.parents) if d != root and
                       d.is_relative_to(root) and not d.is_dir()]
            for folder in reversed(missing):  # fetched/ and fetched/<MTDSG>/ for a page kept the first time
                folder.mkdir()
                made.append(folder)
            tmp = target.with_name(f".{target.name}.{token}{_TEMP}")
            _write_new(tmp, payload, mode_for(target))
            entry: dict[str, str | None] = {"target": rel, "new": _rel(root, tmp), "old": None, "sha256": _sha(payload)}
            entries.append(entry)
            if target.exists():
                old = target.with_name(f".{target.name}.{token}{_OLD}")
                try:
                    os.link(target, old)
                except OSError:  # a file system without hard links
                    shutil.copy2(target, old)
                entry["old"] = _rel(root, old)
        _sync_files([root / str(e["new"]) for e in entries])
        _write_journal(root, {"ratify-journal": 1, "direction": "forward", "entries": entries})  # commit point
        committed = True
        _roll_forward(root, entries)
    except BaseException as exc:
        if committed and journal.exists():
            with contextlib.suppress(BaseException):
                _write_journal(root, {"ratify-journal": 1, "direction": "back", "entries": entries})
                _roll_back(root, entries)
        elif not committed:
            for e in entries:
                for key in ("new", "old"):
                    if e[key]:
                        with contextlib.suppress(OSError):
                            os.unlink(root / str(e[key]))
            for d in reversed(made):
                with contextlib.suppress(OSError):
                    d.rmdir()
        if isinstance(exc, OSError):
            raise OutputError(f"{root}: cannot write: {exc.strerror or exc}; nothing was changed") from exc
        raise


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _write_journal(root: Path, content: dict[str, object]) -> None:
    """Write the journal durably and rename it into place (atomic); then its directory entry is on disk."""
    import json

    tmp = root / f"{JOURNAL_NAME}.{os.urandom(4).hex()}{_TEMP}"
    _write_new(tmp, json.dumps(content, indent=0).encode("utf-8"), 0o644)
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.replace(tmp, root / JOURNAL_NAME)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(root)


def _folders_of(root: Path, entries: list[dict[str, str | None]]) -> list[Path]:
    return sorted({(root / str(e["target"])).parent for e in entries} | {root})


def _roll_forward(root: Path, entries: list[dict[str, str | None]]) -> None:
    for e in entries:
        new = root / str(e["new"])
        if new.exists():
            os.replace(new, root / str(e["target"]))
    for d in _folders_of(root, entries):
        _fsync_dir(d)
    for e in entries:
        if e["old"]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(root / str(e["old"]))
    os.unlink(root / JOURNAL_NAME)
    _fsync_dir(root)


def _roll_back(root: Path, entries: list[dict[str, str | None]]) -> None:
    for e in entries:
        target, new = root / str(e["target"]), root / str(e["new"])
        if e["old"]:
            old = root / str(e["old"])
            if old.exists():
                os.replace(old, target)
        elif not new.exists():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)  # new to the folder and already in place: it goes again
        with contextlib.suppress(FileNotFoundError):
            os.unlink(new)
    for d in _folders_of(root, entries):
        _fsync_dir(d)
    os.unlink(root / JOURNAL_NAME)
    _fsync_dir(root)


# -- recovery ----------------------------------------------------------------------------------------


def _read_journal(root: Path) -> tuple[str, list[dict[str, str | None]]]:
    import json

    path = root / JOURNAL_NAME
    try:
        content = json.loads(path.read_bytes())
        direction = content["direction"]
        entries = content["entries"]
        if content.get("ratify-journal") != 1 or direction not in ("forward", "back"):
            raise ValueError("unknown journal")
        for e in entries:
            _check_rel(e["target"])
            for key in ("new", "old"):
                if e.get(key) is not None:
                    name = str(e[key])
                    if name.rpartition("/")[0] != str(e["target"]).rpartition("/")[0] or \
                            not _LEFTOVER.match(name.rsplit("/")[-1]):
                        raise ValueError(f"unexpected file {name!r}")
            e.setdefault("old", None)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DataError([problem(str(path), "", f"the journal of an interrupted write is damaged ({exc}); "
                                 "restore the folder from a copy")]) from exc
    return direction, entries


def _has_leftovers(root: Path) -> bool:
    for sub in _data_dirs(root):
        try:
            names = os.listdir(root / sub)
        except OSError:
            continue
        if any(_LEFTOVER.match(n) for n in names):
            return True
    return False


def _remove_leftovers(root: Path) -> int:
    removed = 0
    for sub in _data_dirs(root):
        try:
            names = os.listdir(root / sub)
        except OSError:
            continue
        for name in names:
            if _LEFTOVER.match(name):
                path = root / sub / name
                with contextlib.suppress(OSError):
                    if path.is_dir() and not path.is_symlink():
                        continue
                    path.unlink()
                    removed += 1
    return removed


def _recover_locked(root: Path) -> str | None:
    """With the exclusive lock held: finish or undo an interrupted write, remove leftovers; what was done."""
    done = None
    if (root / JOURNAL_NAME).exists():
        direction, entries = _read_journal(root)
        try:
            if direction == "forward":
                _roll_forward(root, entries)
                done = "finished an interrupted write"
            else:
                _roll_back(root, entries)
                done = "undid an interrupted write"
        except OSError as exc:
            raise DataError([problem(str(root / JOURNAL_NAME), "", "an interrupted write could not be "
                                     f"completed: {exc.strerror or exc}")]) from exc
    if _remove_leftovers(root) and done is None:
        done = "removed what an interrupted write left"
    return done


def recover(folder: str | os.PathLike[str], *, timeout: float | None = None) -> str | None:
    """Finish or undo a write that was interrupted in `folder`, and remove its leftovers.

    Waits for a writer that holds the lock. Returns what was done, or None if nothing was needed.
    """
    root = Path(folder)
    if not (root / JOURNAL_NAME).exists() and not _has_leftovers(root):
        return None
    if _key(root) in _held:
        return _recover_locked(root) if _held[_key(root)] == "ex" else None
    with _exclusive(root, lock_timeout() if timeout is None else timeout):
        return _recover_locked(root)


def read_locked(folder: Path, read: Callable[[], T], *, timeout: float | None = None) -> T:
    """`read()` the folder whole: under a shared lock where it has a lock file, after recovering an
    interrupted write. A folder without a lock file (the bundled data) is never written to."""
    root = Path(folder)
    if _key(root) in _held:
        return read()
    wait = lock_timeout() if timeout is None else timeout
    for attempt in range(5):
        try:
            fd = _open_lock(root, create=False) if root.is_dir() else None
        except PermissionError:  # a lock file we may not open (another user's folder): read as it is
            return read()
        if fd is None:
            if (root / JOURNAL_NAME).exists():
                _recover_unlocked_journal(root, wait)
                continue
            if attempt == 0 and not _is_bundled(root) and _has_leftovers(root):
                with contextlib.suppress(OSError, OutputError), _exclusive(root, 0.0):  # tidy where we may
                    _recover_locked(root)
                continue
            result = read()
            if not (root / LOCK_NAME).exists():
                return result
            continue  # a writer appeared while we read: read again, under its lock
        try:
            _flock(fd, _SH, root, wait, "read")
            if (root / JOURNAL_NAME).exists() or _has_leftovers(root):
                _tidy(fd, root, wait)
            _held[_key(root)] = "sh"
            try:
                return read()
            finally:
                _held.pop(_key(root), None)
        finally:
            os.close(fd)
    return read()  # pragma: no cover - a folder rewritten five times while we read it


def _is_bundled(root: Path) -> bool:
    """Whether `root` is the dataset inside the package, which is never written to (not even a lock file)."""
    from ratify.resources import bundled_data

    try:
        return os.path.samefile(root, bundled_data())
    except OSError:
        return False


def _tidy(fd: int, root: Path, wait: float) -> None:
    """Holding a shared lock: turn it exclusive to recover, then shared again."""
    journal = (root / JOURNAL_NAME).exists()
    try:
        if journal:
            _flock(fd, _EX, root, wait, "read")
        else:  # leftovers only: tidy if no one else is reading right now, else leave it for later
            _try_lock(fd, _EX)
    except BlockingIOError:
        pass
    except OSError as exc:
        if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
            raise
    else:
        try:
            _held[_key(root)] = "ex"
            _recover_locked(root)
        except PermissionError as exc:
            raise DataError([problem(str(root / JOURNAL_NAME), "", "an interrupted write left this folder "
                                     f"half-written and it cannot be completed: {exc.strerror or exc}")]) from exc
        finally:
            _held.pop(_key(root), None)
    _flock(fd, _SH, root, wait, "read")
    if (root / JOURNAL_NAME).exists():
        raise DataError([problem(str(root / JOURNAL_NAME), "", "an interrupted write left this folder "
                                 "half-written; open it once with the right to write to it to complete it")])


def _recover_unlocked_journal(root: Path, wait: float) -> None:
    try:
        with _exclusive(root, wait):
            _recover_locked(root)
    except OutputError as exc:
        raise DataError([problem(str(root / JOURNAL_NAME), "", "an interrupted write left this folder "
                                 f"half-written and it cannot be completed: {exc}")]) from exc
