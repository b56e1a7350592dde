"""The bytes of a data folder's files, read together under the folder's lock.

Everything ratify knows of a folder follows from these bytes: they are structured and validated
(`ratify.store.read`), or, when they are exactly the bytes of a folder validated before, its
snapshot is served (`ratify.store.snapshot`). Reading them needs neither TOML nor cattrs.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ratify.errors import DataError, problem
from ratify.store.transaction import read_locked

__all__ = ["GROUPS_FILE", "INSTRUMENTS_DIR", "PROCEDURES_FILE", "STATES_FILE", "FolderBytes", "instrument_paths",
           "read_bytes", "read_folder_bytes"]

STATES_FILE = "states.toml"
GROUPS_FILE = "groups.toml"
PROCEDURES_FILE = "procedures.toml"
INSTRUMENTS_DIR = "instruments"


if TYPE_CHECKING:
    from ratify.problems import Problem


class FolderBytes(NamedTuple):
    """The bytes of every file a data folder is made of, read together under its lock.

    `files` maps each file's path relative to the folder ("states.toml", "instruments/v-2.toml") to its
    bytes; what could not be read is in `problems` instead. Everything known of the folder follows from
    these bytes, so they are also what a snapshot of the folder is keyed by. (A named tuple, not an
    attrs class: `ratify status` reads a folder before anything imports attrs.)
    """

    folder: Path
    files: dict[str, bytes]
    problems: tuple[Problem, ...]
    instrument_names: tuple[str, ...]  # every instrument file listed, read or not (relative paths)


def read_folder_bytes(folder: Path, *, instruments: bool = True) -> FolderBytes:
    """The bytes of the folder's files, read under its shared lock (see `read_folder`)."""
    return read_locked(folder, lambda: _read_folder_bytes(folder, instruments=instruments))


def _read_folder_bytes(folder: Path, *, instruments: bool) -> FolderBytes:
    problems: list[Problem] = []
    try:
        if not stat.S_ISDIR(os.stat(folder).st_mode):
            raise DataError([problem(str(folder), "", "not a folder")])
    except FileNotFoundError:
        raise DataError([problem(str(folder), "", "no such data folder")]) from None
    except OSError as exc:
        raise DataError([problem(str(folder), "", f"cannot open the data folder: {exc.strerror or exc}")]) from None
    files: dict[str, bytes] = {}

    def take(name: str, *, optional: bool) -> None:
        path = folder / name
        if optional and not path.exists():
            return
        data = read_bytes(path, problems)
        if data is not None:
            files[name] = data

    take(STATES_FILE, optional=False)
    take(GROUPS_FILE, optional=True)
    listed: tuple[str, ...] = ()
    if instruments:
        inst_dir = folder / INSTRUMENTS_DIR
        if not inst_dir.is_dir():
            problems.append(problem(str(inst_dir), "", "no instruments folder"))
        listed = tuple(f"{INSTRUMENTS_DIR}/{p.name}" for p in instrument_paths(inst_dir, problems))
        for name in listed:
            take(name, optional=False)
        take(PROCEDURES_FILE, optional=True)
    return FolderBytes(folder, files, tuple(problems), listed)


def instrument_paths(inst_dir: Path, problems: list[Problem]) -> list[Path]:
    """The instrument files of the folder; a folder that cannot be listed is an error, never "empty"."""
    try:
        names = os.listdir(inst_dir)
    except FileNotFoundError:
        return []
    except OSError as exc:
        problems.append(problem(str(inst_dir), "", f"cannot list the folder: {exc.strerror or exc}"))
        return []
    return sorted(inst_dir / n for n in names if n.endswith(".toml") and not n.startswith("."))


def read_bytes(path: Path, problems: list[Problem]) -> bytes | None:
    """The file's bytes; anything but a regular file (a FIFO, a device, a folder) is refused, not read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                problems.append(problem(str(path), "", "not a regular file"))
                return None
            with os.fdopen(os.dup(fd), "rb") as fh:
                return fh.read()
        finally:
            os.close(fd)
    except FileNotFoundError:
        problems.append(problem(str(path), "", "file not found"))
    except OSError as exc:
        problems.append(problem(str(path), "", f"cannot read the file: {exc}"))
    return None
