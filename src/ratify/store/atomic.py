"""Writing files and folders so that a failure never leaves anything half-written.

A file is written to a temporary sibling and renamed over the target; a folder is built beside the
target and swapped in. Either the old content stays, or the new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ratify.errors import OutputError

__all__ = ["atomic_write", "copy_tree_atomic", "replace_files"]


def _mode_for(target: Path) -> int:
    """The permissions a plain open() would give: the old file's, or 0o666 less the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write `data` to `path` atomically (UTF-8 for text); raise OutputError if it cannot be written."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))  # mkstemp makes files private to their owner
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from exc
        raise
    return target


@contextlib.contextmanager
def replace_files(folder: str | os.PathLike[str]) -> Iterator[dict[str, bytes]]:
    """Collect `{relative path: bytes}` in the with-block, then write them all or none.

    Every file is first written in full to a temporary sibling; the old files are kept as backups
    until every new one is in place. If anything fails, the replaced files are put back and the
    new ones removed: the folder is left exactly as it was.
    """
    root = Path(folder)
    pending: dict[str, bytes] = {}
    yield pending
    staged: list[tuple[Path, Path]] = []  # (temporary file, target)
    backups: list[tuple[Path, Path]] = []  # (backup, target) of replaced files
    created: list[Path] = []  # new files, and folders made for them
    try:
        for rel, payload in pending.items():
            target = root / rel
            for parent in reversed(target.relative_to(root).parents[:-1]):
                if not (root / parent).exists():
                    (root / parent).mkdir()
                    created.append(root / parent)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((Path(tmp), target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
            os.chmod(tmp, _mode_for(target))
        _flush([tmp for tmp, _ in staged])
        for tmp, target in staged:
            if target.exists():
                backup = target.with_name(f".{target.name}.{os.getpid()}.bak")
                try:
                    os.link(target, backup)
                except OSError:  # a file system without hard links
                    shutil.copy2(target, backup)
                backups.append((backup, target))
            else:
                created.append(target)
            os.replace(tmp, target)
    except BaseException as exc:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                tmp.unlink()
        for backup, target in backups:
            with contextlib.suppress(OSError):
                os.replace(backup, target)
        for path in reversed(created):
            with contextlib.suppress(OSError):
                path.rmdir() if path.is_dir() else path.unlink()
        if isinstance(exc, OSError):
            raise OutputError(f"{root}: cannot write: {exc.strerror or exc}; nothing was changed") from exc
        raise
    for backup, _ in backups:
        with contextlib.suppress(OSError):
            backup.unlink()


def _flush(paths: list[Path]) -> None:
    """Put the staged files on disk before any is renamed into place.

    One sync of the file systems where the OS has it: an fsync per file made writing the 407
    instruments of a whole-depositary import ten times slower than writing them.
    """
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in paths:
        with open(path, "rb+") as fh:
            os.fsync(fh.fileno())


def copy_tree_atomic(src: Path, dst: Path) -> None:
    """Copy the folder `src` to the new folder `dst` (which must not exist or be empty), all or nothing."""
    if dst.exists() and (not dst.is_dir() or any(dst.iterdir())):
        raise OutputError(f"{dst}: already exists and is not an empty folder")
    try:
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{dst.name}.", dir=dst.parent))
    except OSError as exc:
        raise OutputError(f"{dst}: cannot create: {exc.strerror or exc}") from exc
    try:
        shutil.copytree(src, tmp, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        if dst.exists():
            dst.rmdir()
        os.replace(tmp, dst)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{dst}: cannot create: {exc.strerror or exc}") from exc
        raise
