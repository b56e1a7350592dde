"""Data folder → immutable Catalog: the store reads and checks the files, this builds the catalogue."""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from ratify.errors import DataError, Problem
from ratify.model.procedures import Procedure
from ratify.model.records import Instrument, Participation, Source
from ratify.query.catalog import Catalog
from ratify.resources import bundled_data
from ratify.store.read import FolderContents, check_folder, participations_of_file, read_folder
from ratify.store.validate import find_instrument

__all__ = ["catalog_of", "load"]


def load(path: str | os.PathLike[str] | None = None) -> Catalog:
    """Load a data folder (default: the bundled dataset) into a Catalog; raise DataError on any error."""
    return catalog_of(read_folder(Path(path) if path is not None else bundled_data()))


def catalog_of(files: FolderContents) -> Catalog:
    """The Catalog of what was read; raises DataError listing every problem if any is an error."""
    problems = check_folder(files)
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)
    return _build(files, tuple(problems))


def _build(files: FolderContents, warnings: tuple[Problem, ...]) -> Catalog:
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
    )
