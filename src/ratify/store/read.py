"""Data folder → structured records: read every file, structure it with cattrs, validate it in one pass.

Every problem of every file is collected before anything is raised, so one `DataError` (or one run
of `ratify validate`) lists them all, each with its file, field path and reason.
"""

from __future__ import annotations

import enum
import os
import tomllib
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from ratify.errors import DataError
from ratify.model.enums import ActionKind, ConsentKind
from ratify.model.procedures import Procedure
from ratify.model.records import Consent, Denunciation, Group, Instrument, Participation, Source, State
from ratify.model.rules import computed_entry_into_force
from ratify.problems import Problem, Severity
from ratify.store.cache import default_cache
from ratify.store.convert import data_converter
from ratify.store.folder import (
    GROUPS_FILE,
    INSTRUMENTS_DIR,
    PROCEDURES_FILE,
    STATES_FILE,
    FolderBytes,
    instrument_paths,
    read_bytes,
    read_folder_bytes,
)
from ratify.store.schema import Correction, GroupRecord, InstrumentFile, ParticipantRecord, ProceduresFile
from ratify.store.snapshot import Snapshot
from ratify.store.validate import find_instrument, validate_files, validate_procedures

__all__ = [
    "FolderContents",
    "check_folder",
    "compile_folder",
    "describe_field_error",
    "participations_of_file",
    "read_folder",
    "read_instrument_file",
    "read_instrument_files",
    "structure_folder",
    "validate",
]

T = TypeVar("T")



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
    raw: dict[str, bytes] = {}
    for path in instrument_paths(inst_dir, problems):
        data = read_bytes(path, problems)
        if data is not None:
            raw[f"{INSTRUMENTS_DIR}/{path.name}"] = data
    return _structure_instruments(inst_dir.parent, raw, problems)


def _structure_instruments(folder: Path, raw: dict[str, bytes], problems: list[Problem]) -> dict[Path, InstrumentFile]:
    """The instrument files among `raw`, structured (from the parse cache where it holds their bytes)."""
    cache = default_cache()
    out = {}
    try:
        for name, data in raw.items():
            if not name.startswith(INSTRUMENTS_DIR + "/"):
                continue
            path = folder / name
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
    return structure_folder(read_folder_bytes(folder, instruments=instruments), instruments=instruments)


def structure_folder(raw: FolderBytes, *, instruments: bool = True) -> FolderContents:
    """The records of the folder's files (see `read_folder`), every problem collected."""
    folder = raw.folder
    problems = list(raw.problems)
    states: dict[str, State] = {}
    states_bytes = raw.files.get(STATES_FILE)
    table = _parse_toml(states_bytes, folder / STATES_FILE, problems) if states_bytes is not None else None
    for code, entry in (table or {}).items():
        if not isinstance(entry, dict):
            problems.append(Problem(str(folder / STATES_FILE), code, "expected a table of the state's fields"))
            continue
        state = _structure({**entry, "alpha3": code}, State, folder / STATES_FILE, code, problems)
        if state is not None:
            states[code] = state
    groups: dict[str, Group] = {}
    groups_path = folder / GROUPS_FILE
    groups_bytes = raw.files.get(GROUPS_FILE)
    table = _parse_toml(groups_bytes, groups_path, problems) if groups_bytes is not None else None
    for gid, entry in (table or {}).items():
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
    files = _structure_instruments(folder, raw.files, problems)
    unreadable = frozenset(Path(name).stem for name in raw.instrument_names) - {p.stem for p in files}
    procedures_bytes = raw.files.get(PROCEDURES_FILE)
    procedures = _structure_toml(procedures_bytes, folder / PROCEDURES_FILE, ProceduresFile, problems) \
        if procedures_bytes is not None else None
    return FolderContents(folder, states, groups, files, tuple(problems), unreadable, procedures)


def compile_folder(contents: FolderContents, digest: str = "") -> Snapshot:
    """The snapshot of a folder read afresh: checked (DataError listing every problem if any is an error; the
    warnings are kept), corrections applied, entries into force worked out."""
    problems = check_folder(contents)
    if any(p.severity is Severity.ERROR for p in problems):
        raise DataError(problems)
    warnings = tuple(problems)
    sources: dict[str, Source] = {}
    instruments: list[Instrument] = []
    participations: list[Participation] = []
    for f in contents.instruments.values():
        instruments.append(f.instrument)
        sources.update({s.id: s for s in f.sources})
        participations += participations_of_file(f)
    procedures: list[Procedure] = []
    declines: tuple[str, ...] = ()
    if contents.procedures is not None:
        known = list(contents.instruments.values())
        for proc in contents.procedures.procedures:
            inst = find_instrument(proc.instrument, known)
            if inst is None:
                continue  # the folder does not hold the instrument: nothing to say of its procedures
            covers = find_instrument(proc.covers, known) if proc.covers else None
            procedures.append(attrs.evolve(proc, instrument=inst, covers=covers or proc.covers))
        sources.update({s.id: s for s in contents.procedures.sources})
        declines = contents.procedures.declines
    return Snapshot(
        digest=digest,
        instruments=tuple(instruments),
        states=tuple(contents.states.values()),
        groups=tuple(contents.groups.values()),
        sources=tuple(sources.values()),
        procedures=tuple(procedures),
        declines=declines,
        warnings=warnings,
        order=tuple(dict.fromkeys(i.id for i in instruments)),
        participations=tuple(participations),
    )


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


def _structure_toml(data: bytes, path: Path, cls: type[T], problems: list[Problem]) -> T | None:
    raw = _parse_toml(data, path, problems)
    return None if raw is None else _structure(raw, cls, path, "", problems)


def _read_toml(path: Path, cls: type[T], problems: list[Problem]) -> T | None:
    data = read_bytes(path, problems)
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

