"""Data folder → immutable Catalog: the store reads and checks the files, this builds the catalogue.

A folder whose bytes were validated before is served from its snapshot (`ratify.store.snapshot`):
the bundled data from the one installed with it, any other folder from the user's cache. Either way
the catalogue is the one the files give, with the same warnings. `status_table` serves the status
table of the same snapshot without making a catalogue: the records, attrs and cattrs are imported
here only when a catalogue is made.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ratify.query.status_table import StatusTable
from ratify.store.folder import FolderBytes, read_folder_bytes
from ratify.store.location import Origin, data_folder
from ratify.store.snapshot_file import folder_digest, snapshot_data

if TYPE_CHECKING:
    from ratify.query.catalog import Catalog
    from ratify.store.read import FolderContents
    from ratify.store.snapshot import Snapshot

__all__ = ["catalog_of", "catalog_of_bytes", "folder_snapshot", "load", "status_table"]


def load(path: str | os.PathLike[str] | None = None, *, bundled: bool = False) -> Catalog:
    """Load a data folder into a Catalog; raise DataError on any error.

    Which folder: `path` if given, else ``$RATIFY_DATA``, else the user's own data folder (kept
    current by ``ratify update``) if it exists, else the bundled snapshot; ``bundled=True`` reads the
    bundled snapshot whatever else is set. ``Catalog.origin`` says which was read, and why.
    """
    origin = data_folder(path, bundled=bundled)
    return catalog_of_bytes(read_folder_bytes(Path(origin.path)), origin)


def status_table(path: str | os.PathLike[str] | None = None, *, bundled: bool = False) -> StatusTable:
    """The status table of the folder `load(path, bundled=…)` reads: from the snapshot made from exactly
    its bytes if there is one (installed, or in the user's cache), else from its catalogue.

    Raises DataError as `load` does: a folder that cannot be read, or has an error, is loaded in full,
    which reports every problem.
    """
    origin = data_folder(path, bundled=bundled)
    raw = read_folder_bytes(Path(origin.path))
    digest = folder_digest(raw)
    if not raw.problems:
        found = snapshot_data(digest, ("status", "lines"))
        table = StatusTable.read(found, origin, lambda: catalog_of_bytes(raw, origin)) if found else None
        if table is not None:
            return table
    cat, table = _loaded(raw, origin, digest)
    return table if table is not None else StatusTable.of(cat)


def catalog_of_bytes(raw: FolderBytes, origin: Origin | None) -> Catalog:
    """The catalogue of a folder's bytes: from the snapshot made from exactly those bytes if there is one,
    else read afresh (and its snapshot, with its status table, kept in the user's cache)."""
    return _loaded(raw, origin, folder_digest(raw))[0]


def _loaded(raw: FolderBytes, origin: Origin | None, digest: str) -> tuple[Catalog, StatusTable | None]:
    """The catalogue of the folder's bytes (whose digest is `digest`), and its status table if one was
    read or made on the way."""
    from ratify.store.snapshot import read_snapshot, remember_snapshot

    found = snapshot_data(digest) if not raw.problems else None
    snap = read_snapshot(found, digest, raw.folder) if found is not None else None
    if found is not None and snap is not None:
        # its status table answers `status` (and so every matrix) without making a record
        table = StatusTable.read(found, origin, lambda: cat)
        cat = _catalog(snap, raw.folder, origin, table)
        return cat, table
    # read afresh: parse, structure, check, compile (the modules that do it load only now)
    from ratify.query.status_table import status_sections
    from ratify.store.read import compile_folder, structure_folder

    snap = compile_folder(structure_folder(raw), digest)
    cat = _catalog(snap, raw.folder, origin)
    kept = remember_snapshot(snap, raw.folder, lambda: status_sections(cat))
    return cat, StatusTable.of(cat, kept) if kept is not None else None


def folder_snapshot(folder: Path) -> bytes:
    """The snapshot of a valid data folder, as bytes, with its status table (what `scripts/build_data.py`
    installs for the bundled data); raises DataError listing every problem if the folder has an error."""
    from ratify.query.status_table import status_sections
    from ratify.store.read import compile_folder, structure_folder
    from ratify.store.snapshot import snapshot_bytes

    raw = read_folder_bytes(folder)
    snap = compile_folder(structure_folder(raw), folder_digest(raw))
    return snapshot_bytes(snap, folder, status_sections(_catalog(snap, folder, None)))


def catalog_of(files: FolderContents, *, origin: Origin | None = None) -> Catalog:
    """The Catalog of what was read; raises DataError listing every problem if any is an error."""
    from ratify.store.read import compile_folder

    return _catalog(compile_folder(files), files.folder, origin)


def _catalog(snap: Snapshot, folder: Path, origin: Origin | None, table: StatusTable | None = None) -> Catalog:
    from ratify.query.catalog import Catalog
    from ratify.query.participations import Participations

    if snap.participations is not None:
        participations = Participations.of(snap.participations)
    else:
        participations = Participations.lazy(snap.order, snap.records, snap.make, table)
    return Catalog(
        instruments=snap.instruments,
        states=snap.states,
        groups=snap.groups,
        participations=participations,
        sources=snap.sources,
        procedure_definitions=snap.procedures,
        declines=snap.declines,
        path=folder,
        warnings=snap.warnings,
        origin=origin,
    )
