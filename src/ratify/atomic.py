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

from .errors import OutputError

__all__ = ["atomic_write", "copy_tree_atomic", "replace_files"]


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

    Each file is first written to a temporary sibling; only when every one is written are they
    renamed into place. On failure the folder is left exactly as it was.
    """
    root = Path(folder)
    pending: dict[str, bytes] = {}
    yield pending
    staged: list[tuple[str, Path]] = []
    try:
        for rel, payload in pending.items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((tmp, target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
        for tmp, target in staged:
            os.replace(tmp, target)
    except BaseException as exc:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{root}: cannot write: {exc.strerror or exc}") from exc
        raise


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
