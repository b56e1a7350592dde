"""Data folder → immutable Catalog: the store reads and checks the files, this builds the catalogue."""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from ratify.errors import DataError, Problem, Severity
from ratify.model.procedures import Procedure
from ratify.model.records import Instrument, Participation, Source
from ratify.query.catalog import Catalog
from ratify.store.location import Origin, data_folder
from ratify.store.read import FolderContents, check_folder, participations_of_file, read_folder
from ratify.store.validate import find_instrument

__all__ = ["catalog_of", "load"]


def load(path: str | os.PathLike[str] | None = None, *, bundled: bool = False) -> Catalog:
    """Load a data folder into a Catalog; raise DataError on any error.

    Which folder: `path` if given, else ``$RATIFY_DATA``, else the user's own data folder (kept
    current by ``ratify update``) if it exists, else the bundled snapshot; ``bundled=True`` reads the
    bundled snapshot whatever else is set. ``Catalog.origin`` says which was read, and why.
    """
    origin = data_folder(path, bundled=bundled)
    return catalog_of(read_folder(Path(origin.path)), origin=origin)


def catalog_of(files: FolderContents, *, origin: Origin | None = None) -> Catalog:
    """The Catalog of what was read; raises DataError listing every problem if any is an error."""
    problems = check_folder(files)
    if any(p.severity is Severity.ERROR for p in problems):
        raise DataError(problems)
    return _build(files, tuple(problems), origin)


def _build(files: FolderContents, warnings: tuple[Problem, ...], origin: Origin | None = None) -> Catalog:
    sources: dict[str, Source] = {}
    instruments: list[Instrument] = []
    participations: list[Participation] = []
    for f in files.instruments.values():
        instruments.append(f.instrument)
        sources.update({s.id: s for s in f.sources})
        participations += participations_of_file(f)
    procedures: list[Procedure] = []
    declines: tuple[str, ...] = ()
    if files.procedures is not None:
        known = list(files.instruments.values())
        for proc in files.procedures.procedures:
            inst = find_instrument(proc.instrument, known)
            if inst is None:
                continue  # the folder does not hold the instrument: nothing to say of its procedures
            covers = find_instrument(proc.covers, known) if proc.covers else None
            procedures.append(attrs.evolve(proc, instrument=inst, covers=covers or proc.covers))
        sources.update({s.id: s for s in files.procedures.sources})
        declines = files.procedures.declines
    return Catalog(
        instruments=tuple(instruments),
        states=tuple(files.states.values()),
        groups=tuple(files.groups.values()),
        participations=tuple(participations),
        sources=tuple(sources.values()),
        procedure_definitions=tuple(procedures),
        declines=declines,
        path=files.folder,
        warnings=warnings,
        origin=origin,
    )
