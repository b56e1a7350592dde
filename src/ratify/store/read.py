"""Data folder → structured records: read every file, structure it with cattrs, validate it in one pass.

Every problem of every file is collected before anything is raised, so one `DataError` (or one run
of `ratify validate`) lists them all, each with its file, field path and reason.
"""

from __future__ import annotations

import enum
import os
import stat
import tomllib
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from ratify.errors import DataError, Problem
from ratify.model.enums import ActionKind, ConsentKind
from ratify.model.records import Consent, Denunciation, Group, Instrument, Participation, Source, State
from ratify.model.rules import computed_entry_into_force
from ratify.store.cache import default_cache
from ratify.store.convert import data_converter
from ratify.store.schema import Correction, GroupRecord, InstrumentFile, ParticipantRecord, ProceduresFile
from ratify.store.transaction import read_locked
from ratify.store.validate import validate_files, validate_procedures

__all__ = [
    "FolderContents",
    "check_folder",
    "describe_field_error",
    "participations_of_file",
    "read_folder",
    "read_instrument_file",
    "read_instrument_files",
    "validate",
]

T = TypeVar("T")

STATES_FILE = "states.toml"
GROUPS_FILE = "groups.toml"
PROCEDURES_FILE = "procedures.toml"
INSTRUMENTS_DIR = "instruments"


@attrs.frozen
class FolderContents:
    """What was read from a data folder: the records of its files and the problems found reading them."""

    folder: Path
    states: dict[str, State]
    groups: dict[str, Group]
    instruments: dict[Path, InstrumentFile]
    problems: tuple[Problem, ...]
    unreadable: frozenset[str] = frozenset()  # stems of instrument files that could not be structured
    procedures: ProceduresFile | None = None  # procedures.toml, if the folder has one


def validate(path: str | os.PathLike[str] | None = None) -> list[Problem]:
    """Every problem of a data folder (errors and warnings), without raising.

    Default: the folder `ratify.load()` reads ($RATIFY_DATA, the user's data folder, the bundled snapshot).
    """
    from ratify.store.location import data_folder

    return check_folder(read_folder(data_folder(path).path))


def check_folder(files: FolderContents) -> list[Problem]:
    """Every problem of what was read: reading and structuring first, then the rules of validation."""
    problems = list(files.problems) + validate_files(files.folder, files.states, files.groups, files.instruments,
                                                     files.unreadable)
    if files.procedures is not None:
        problems += validate_procedures(files.folder / PROCEDURES_FILE, files.procedures, files.instruments)
    return problems


def read_instrument_file(path: str | os.PathLike[str]) -> InstrumentFile:
    """One instrument file, structured; raises DataError naming the file and every field at fault."""
    problems: list[Problem] = []
    result = _read_toml(Path(path), InstrumentFile, problems)
    if result is None:
        raise DataError(problems)
    return result


def read_instrument_files(folder: str | os.PathLike[str]) -> dict[Path, InstrumentFile]:
    """Every instrument file of a data folder, structured (raises DataError on any unreadable one)."""
    problems: list[Problem] = []
    out = _read_instruments(Path(folder) / INSTRUMENTS_DIR, problems)
    if problems:
        raise DataError(problems)
    return out


def _read_instruments(inst_dir: Path, problems: list[Problem]) -> dict[Path, InstrumentFile]:
    cache = default_cache()
    out = {}
    try:
        for path in _instrument_paths(inst_dir, problems):
            data = _read_bytes(path, problems)
            if data is None:
                continue
            f = cache.get(data) if cache is not None else None
            if f is None:
                f = _structure_toml(data, path, InstrumentFile, problems)
                if f is not None and cache is not None:
                    cache.put(data, f)
            if f is not None:
                out[path] = f
    finally:
        if cache is not None:
            cache.close()
    return out


def _instrument_paths(inst_dir: Path, problems: list[Problem]) -> list[Path]:
    """The instrument files of the folder; a folder that cannot be listed is an error, never "empty"."""
    try:
        names = os.listdir(inst_dir)
    except FileNotFoundError:
        return []
    except OSError as exc:
        problems.append(Problem(str(inst_dir), "", f"cannot list the folder: {exc.strerror or exc}"))
        return []
    return sorted(inst_dir / n for n in names if n.endswith(".toml") and not n.startswith("."))


def participations_of_file(f: InstrumentFile) -> tuple[Participation, ...]:
    """The participations one instrument file describes, corrections applied."""
    local = {s.id: s for s in f.sources}
    by_state: dict[str, list[Correction]] = {}
    for c in f.corrections:
        by_state.setdefault(c.state, []).append(c)
    out = [_participation(f.instrument, rec, by_state.pop(rec.state, ()), local) for rec in f.participants]
    out += [_participation(f.instrument, ParticipantRecord(state=s), cs, local) for s, cs in by_state.items()]
    return tuple(out)


def read_folder(folder: Path, *, instruments: bool = True) -> FolderContents:
    """Read and structure every file of a data folder, collecting (not raising) the problems.

    With `instruments=False` only the register of states and the groups are read. The folder is read
    whole: under its shared lock, after finishing or undoing a write that was interrupted in it.
    """
    return read_locked(folder, lambda: _read_folder(folder, instruments=instruments))


def _read_folder(folder: Path, *, instruments: bool) -> FolderContents:
    problems: list[Problem] = []
    try:
        if not stat.S_ISDIR(os.stat(folder).st_mode):
            raise DataError([Problem(str(folder), "", "not a folder")])
    except FileNotFoundError:
        raise DataError([Problem(str(folder), "", "no such data folder")]) from None
    except OSError as exc:
        raise DataError([Problem(str(folder), "", f"cannot open the data folder: {exc.strerror or exc}")]) from None
    states: dict[str, State] = {}
    raw = _read_toml_table(folder / STATES_FILE, problems)
    for code, entry in raw.items():
        if not isinstance(entry, dict):
            problems.append(Problem(str(folder / STATES_FILE), code, "expected a table of the state's fields"))
            continue
        state = _structure({**entry, "alpha3": code}, State, folder / STATES_FILE, code, problems)
        if state is not None:
            states[code] = state
    groups: dict[str, Group] = {}
    groups_path = folder / GROUPS_FILE
    if groups_path.exists():
        for gid, entry in _read_toml_table(groups_path, problems).items():
            if not isinstance(entry, dict):
                problems.append(Problem(str(groups_path), gid, "expected a table of the group's fields"))
                continue
            rec = _structure(entry, GroupRecord, groups_path, gid, problems)
            if rec is not None:
                groups[gid] = Group(id=gid, name=rec.name, members=rec.members, description=rec.description,
                                    source=rec.source, roles=rec.roles, sources=rec.sources, default=rec.default,
                                    baseline=rec.baseline, map=rec.map)
    if not instruments:
        return FolderContents(folder, states, groups, {}, tuple(problems))
    inst_dir = folder / INSTRUMENTS_DIR
    if not inst_dir.is_dir():
        problems.append(Problem(str(inst_dir), "", "no instruments folder"))
    files = _read_instruments(inst_dir, problems)
    unreadable = frozenset(p.stem for p in _instrument_paths(inst_dir, [])) - {p.stem for p in files}
    procedures_path = folder / PROCEDURES_FILE
    procedures = _read_toml(procedures_path, ProceduresFile, problems) if procedures_path.exists() else None
    return FolderContents(folder, states, groups, files, tuple(problems), unreadable, procedures)


def _read_bytes(path: Path, problems: list[Problem]) -> bytes | None:
    """The file's bytes; anything but a regular file (a FIFO, a device, a folder) is refused, not read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                problems.append(Problem(str(path), "", "not a regular file"))
                return None
            with os.fdopen(os.dup(fd), "rb") as fh:
                return fh.read()
        finally:
            os.close(fd)
    except FileNotFoundError:
        problems.append(Problem(str(path), "", "file not found"))
    except OSError as exc:
        problems.append(Problem(str(path), "", f"cannot read the file: {exc}"))
    return None


def _parse_toml(data: bytes, path: Path, problems: list[Problem]) -> dict[str, Any] | None:
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(path), "", f"cannot read the file: {exc}"))
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(str(path), "", f"TOML syntax error: {exc}"))
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        problems.append(Problem(str(path), "", "arrays or tables nested too deeply"))
    except ValueError as exc:  # an integer of more than 4,300 digits
        problems.append(Problem(str(path), "", f"a value that cannot be read ({str(exc).split(';')[0]})"))
    return None


def _read_toml_table(path: Path, problems: list[Problem]) -> dict[str, Any]:
    data = _read_bytes(path, problems)
    table = _parse_toml(data, path, problems) if data is not None else None
    return table if table is not None else {}


def _structure_toml(data: bytes, path: Path, cls: type[T], problems: list[Problem]) -> T | None:
    raw = _parse_toml(data, path, problems)
    return None if raw is None else _structure(raw, cls, path, "", problems)


def _read_toml(path: Path, cls: type[T], problems: list[Problem]) -> T | None:
    data = _read_bytes(path, problems)
    return None if data is None else _structure_toml(data, path, cls, problems)


def _structure(raw: Any, cls: type[T], path: Path, prefix: str, problems: list[Problem]) -> T | None:
    try:
        return data_converter().structure(raw, cls)
    except (ClassValidationError, IterableValidationError, ForbiddenExtraKeysError) as exc:
        for message in cattrs.transform_error(exc, path="$", format_exception=describe_field_error):
            reason, _, where = message.rpartition(" @ ")
            problems.append(Problem(str(path), _join_path(prefix, where.removeprefix("$").lstrip(".")), reason))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        problems.append(Problem(str(path), prefix, describe_field_error(exc, cls)))
    except RecursionError:
        problems.append(Problem(str(path), prefix, "values nested too deeply"))
    return None


def _join_path(prefix: str, rest: str) -> str:
    if not prefix:
        return rest
    if not rest or rest.startswith("["):
        return prefix + rest
    return f"{prefix}.{rest}"


def describe_field_error(exc: BaseException, type_: Any) -> str:
    """The reason a value does not fit its field, in the words every data-file problem uses."""
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown key{'s' if len(exc.extra_fields) > 1 else ''} {', '.join(sorted(exc.extra_fields))}"
    args = [a for a in typing.get_args(type_) if a is not type(None)]
    if len(args) == 1:  # X | None: describe X
        type_ = args[0]
    name = getattr(type_, "__name__", str(type_))
    if isinstance(exc, ValueError) and isinstance(type_, type) and issubclass(type_, enum.Enum):
        allowed = ", ".join(repr(m.value) for m in type_)
        return f"{str(exc).split(' is not')[0]} is not one of {allowed}"
    if isinstance(exc, (ValueError, TypeError)) and str(exc):
        return str(exc) if "expected" in str(exc) else f"invalid value for {name}: {exc}"
    return f"invalid value, expected {name}"


def _participation(inst: Instrument, rec: ParticipantRecord, corrections: Sequence[Correction],
                   sources: dict[str, Source]) -> Participation:
    """The record with its later corrections applied and its entry into force worked out."""
    signature = rec.signature
    consent = Consent(rec.consent, rec.consent_kind or ConsentKind.RATIFICATION, rec.consent_label) \
        if rec.consent else None
    denunciation = rec.denunciation
    statements = rec.statements
    recorded = rec.entry_into_force
    used: list[Source] = []
    main = sources.get(rec.source or inst.source or "")
    if main is not None and (rec.name is not None or rec.consent or rec.signature):
        used.append(main)
    notes = list(rec.other_cells) + list(rec.notes)
    for c in sorted(corrections, key=lambda c: c.date):
        if c.action is ActionKind.SIGNATURE:
            signature = c.date
        elif c.action.is_consent:
            consent = Consent(c.date, ConsentKind(c.action.value))
            recorded = c.effective
        elif c.action is ActionKind.DENUNCIATION:
            effective = c.effective
            if effective is None and inst.denunciation_rule is not None:
                effective = inst.denunciation_rule.apply(c.date)
            denunciation = Denunciation(notified=c.date, effective=effective)
        elif c.action is ActionKind.STATEMENT_WITHDRAWN:
            statements = tuple(_withdraw(s, c) for s in statements)
        src = sources.get(c.source)
        if src is not None and src not in used:
            used.append(src)
        if c.note:
            notes.append(c.note)
    if denunciation is not None and denunciation.effective is None and denunciation.notified is not None \
            and inst.denunciation_rule is not None:
        denunciation = attrs.evolve(denunciation, effective=inst.denunciation_rule.apply(denunciation.notified))
    eif = recorded if recorded is not None else (computed_entry_into_force(inst, consent) if consent else None)
    unknown = consent is not None and eif is None and inst.entry_into_force_rule is None \
        and consent.kind is not ConsentKind.SUCCESSION
    return Participation(
        state=rec.state,
        instrument=inst.id,
        depositary_name=rec.name,
        signature=signature,
        consent=consent,
        entry_into_force=eif,
        entry_into_force_recorded=recorded is not None,
        entry_into_force_unknown=unknown,
        denunciation=denunciation,
        statements=statements,
        footnotes=rec.footnotes,
        sources=tuple(used),
        notes=tuple(notes),
    )


def _withdraw(statement, c: Correction):  # type: ignore[no-untyped-def]
    words = c.statement or ""
    haystacks = [statement.text or "", statement.summary.en if statement.summary else ""]
    if words and any(words in h for h in haystacks):
        return attrs.evolve(statement, withdrawn=c.date)
    return statement

