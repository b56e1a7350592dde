"""Writing files and folders so that a failure never leaves anything half-written.

A file is written to a temporary sibling and renamed over the target; a folder is built beside the
target and swapped in. Either the old content stays, or the new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from ratify.errors import OutputError

__all__ = ["atomic_write", "mode_for"]


def mode_for(target: Path) -> int:
    """The permissions a plain open() would give: the old file's, or 0o666 less the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISFIFO, "a pipe (FIFO)"), (stat.S_ISSOCK, "a socket"))


def _not_regular(mode: int) -> str | None:
    """What a file of this mode is, if it is not a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _refuse(target: Path, exc: OSError) -> OutputError:
    return OutputError(f"{target}: cannot write: {exc.strerror or exc}")


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write `data` to `path` atomically (UTF-8 for text); raise OutputError if it cannot be written.

    Only regular files are written: a path that is a folder, a device, a named pipe or a socket is
    refused (before anything is written), and so is a path in a folder that does not exist (no
    folder is made). A symbolic link is followed: its target is replaced atomically (the temporary
    file is written beside the target) and the link stays — unless it lies in a shared folder such
    as /tmp and belongs to someone else (see `_follow`). Returns the path of the file written.
    A new file gets the permissions a plain open() would give (0o666 less the umask); a replaced
    one keeps its own.
    """
    import tempfile

    target = Path(path)
    try:
        kind = _not_regular(os.stat(target).st_mode)  # follows links: /dev/stdout is what fd 1 is
    except FileNotFoundError:
        kind = None  # a new file (or a link to one)
    except NotADirectoryError:
        raise OutputError(f"{target}: cannot write: {_first_non_folder(target)} is not a folder") from None
    except OSError as exc:
        if isinstance(exc, PermissionError) and target.is_symlink():
            _follow(target)  # the kernel's protected_symlinks: name the stranger's link, if that is why
        raise _refuse(target, exc) from exc
    if kind is not None:
        hint = "" if kind == "a folder" else " (for standard output use -o - or a shell redirection)"
        raise OutputError(f"{target}: cannot write: it is {kind}, not a regular file{hint}")
    real = _follow(target)
    parent = real.parent
    try:
        if not stat.S_ISDIR(os.stat(parent).st_mode):
            raise OutputError(f"{target}: cannot write: {parent} is not a folder")
    except FileNotFoundError:
        raise OutputError(f"{target}: cannot write: no such folder {parent}") from None
    except NotADirectoryError:
        raise OutputError(f"{target}: cannot write: {_first_non_folder(parent)} is not a folder") from None
    except OSError as exc:
        raise _refuse(target, exc) from exc
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise _refuse(target, exc) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode_for(real))  # mkstemp makes files private to their owner
        os.replace(tmp, real)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _refuse(target, exc) from exc
        raise
    _sync_folder(parent)
    return real


def _follow(target: Path) -> Path:
    """The file a chain of symbolic links ends at (the path itself if it is not a link).

    Like the kernel's protected_symlinks, a link in a shared folder (sticky and writable by all,
    such as /tmp) is followed only if it belongs to the user or to the folder's owner: otherwise
    anyone could point `-o /tmp/report.html` at a file of the user's and have it replaced.
    """
    path = target
    for _ in range(40):
        try:
            link = os.lstat(path)
        except FileNotFoundError:
            break
        except OSError as exc:
            raise _refuse(target, exc) from exc
        if not stat.S_ISLNK(link.st_mode):
            break
        folder = Path(os.path.realpath(path.parent))
        try:
            shared = os.stat(folder)
            link_to = os.readlink(path)
        except OSError as exc:
            raise _refuse(target, exc) from exc
        me = os.geteuid() if hasattr(os, "geteuid") else link.st_uid  # no owners to compare on Windows
        if shared.st_mode & stat.S_ISVTX and shared.st_mode & stat.S_IWOTH \
                and link.st_uid not in (me, shared.st_uid):
            raise OutputError(f"{target}: cannot write: {path} is a link in the shared folder {folder} that "
                              "belongs to another user; ratify does not follow it")
        path = folder / link_to
    else:
        raise OutputError(f"{target}: cannot write: too many levels of symbolic links")
    if path == target:
        return target
    return Path(os.path.realpath(path.parent)) / path.name


def _first_non_folder(path: Path) -> Path:
    """The first component of `path` that exists and is not a folder (what ENOTDIR was about)."""
    for part in reversed((path, *path.parents)):
        try:
            if not stat.S_ISDIR(os.stat(part).st_mode):
                return part
        except OSError:
            break
    return path.parent


def _sync_folder(folder: Path) -> None:
    """Put a rename in `folder` on disk (where the system allows opening a folder)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
