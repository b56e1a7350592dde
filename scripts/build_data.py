"""Regenerate the bundled instrument files from the committed raw sources and the curated overlay.

    python scripts/build_data.py            # writes data/instruments/*.toml and the snapshot of data/
    python scripts/build_data.py --check    # exits 1 if the committed files are not what it would write

Inputs (all committed, none shipped in the wheel):
- sources/untc/MANIFEST.toml and the raw depositary tables it lists (checked against their sha256);
- sources/overlay/instruments/<id>.toml: the curated metadata of each instrument (Russian titles,
  the entry-into-force rule and its article, relations), which the import keeps;
- sources/corrections/<MTDSG>.toml: later actions, each citing an official source;
- sources/overlay/reservations.toml: curated summaries of reservations and declarations (en, ru),
  matched to the depositary's text by a quotation from it.
A refresh from newer depositary files is: replace the raw file, update the manifest, re-run, review
the diff.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import attrs
import cattrs

from ratify.errors import DataError, RatifyError
from ratify.model.enums import ImportNoteKind
from ratify.model.names import normalize
from ratify.model.records import ActionKind, Localized, Source, Statement, StatementKind
from ratify.query.catalog import Catalog
from ratify.query.load import folder_snapshot
from ratify.store.convert import data_converter, make_converter
from ratify.store.datafiles import dump_instrument_file
from ratify.store.read import read_folder, read_instrument_file
from ratify.store.schema import Correction, InstrumentFile
from ratify.untc import read_status
from ratify.untc.importer import document_to_file, untc_source

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
DATA = ROOT / "data"
SNAPSHOT = ROOT / "src" / "ratify" / "store" / "bundled.snapshot"  # where resources.bundled_snapshot() finds it
# what the import of a committed depositary file may not meet: a row or a code the data cannot place
_PROBLEM_NOTES = {ImportNoteKind.UNMATCHED_PARTICIPANT, ImportNoteKind.UNKNOWN_CODE}


@attrs.frozen
class Table:
    instrument: str
    file: str
    as_of: dt.date
    sha256: str
    origin: str
    note: str | None = None


@attrs.frozen
class Manifest:
    tables: tuple[Table, ...]


@attrs.frozen
class CorrectionEntry:
    """A later action as the research notes record it (sources/corrections/<MTDSG>.toml)."""

    state: str
    action: ActionKind
    date: dt.date
    source_url: str
    source_title: str
    source_publisher: str
    quote: str
    effective: dt.date | None = None
    source_date: dt.date | None = None
    source_repo: str | None = None
    source_commit: str | None = None
    source_path: str | None = None
    note: str | None = None
    statement: str | None = None


@attrs.frozen
class StatementEntry:
    """A curated summary of one reservation, declaration or objection (sources/overlay/reservations.toml)."""

    instrument: str
    state: str
    kind: StatementKind
    summary: Localized
    quote: str | None = None
    date: dt.date | None = None
    made_on: str | None = None
    articles: tuple[str, ...] = ()
    limits_scope: bool = False
    withdrawn: dt.date | None = None
    objects_to: str | None = None
    source_url: str | None = None
    source_file: str | None = None
    note: str | None = None
    remedy: Localized | None = None
    term: Localized | None = None
    territory: Localized | None = None
    # the depositary's words of a statement its page gives only in an end note (one since withdrawn), not in
    # the participant's entry: recorded as the statement's text, the quotation checked against them
    text: str | None = None


def _lenient() -> cattrs.Converter:
    """Research notes carry extra keys for people (leads, per-state findings); only ours are read."""
    return make_converter(iso_dates=False, forbid_extra_keys=False)


def _source_id(url: str) -> str:
    return "src-" + hashlib.sha1(url.encode()).hexdigest()[:10]


def corrections_for(mtdsg: str) -> tuple[list[Correction], list[Source]]:
    path = SOURCES / "corrections" / f"{mtdsg}.toml"
    if not path.exists():
        return [], []
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    conv = _lenient()
    corrections, sources = [], {}
    for item in raw.get("corrections", []):
        e = conv.structure(item, CorrectionEntry)
        sid = _source_id(e.source_url)
        note = e.note
        if e.source_repo:
            note = f"Copy read: {e.source_repo} {e.source_path or ''} @ {e.source_commit or ''}".strip() + \
                   (f". {note}" if note else "")
        sources.setdefault(sid, Source(id=sid, title=e.source_title, publisher=e.source_publisher,
                                       url=e.source_url, as_of=e.source_date, note=None))
        corrections.append(Correction(state=e.state, action=e.action, date=e.date, source=sid,
                                      effective=e.effective, quote=e.quote, note=note, statement=e.statement))
    return corrections, list(sources.values())


@attrs.frozen
class DataNote:
    """A curated note on one state's record (sources/corrections/<MTDSG>.toml, [[notes]]): a lead that is
    not a depositary action (so never a correction), shown with the record so a reader knows it may be
    out of date."""

    state: str
    text: str
    source_url: str
    source_title: str
    source_publisher: str
    source_date: dt.date | None = None


def notes_for(mtdsg: str) -> list[DataNote]:
    path = SOURCES / "corrections" / f"{mtdsg}.toml"
    if not path.exists():
        return []
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return [_lenient().structure(item, DataNote) for item in raw.get("notes", [])]


def apply_notes(f: InstrumentFile, notes: list[DataNote], problems: list[str]) -> InstrumentFile:
    """Add each curated note, with its source named in the words, to the state's record."""
    if not notes:
        return f
    participants = {p.state: p for p in f.participants}
    for n in notes:
        rec = participants.get(n.state)
        if rec is None:
            problems.append(f"{f.instrument.mtdsg} {n.state}: curated note for a state with no record")
            continue
        when = f", {n.source_date.isoformat()}" if n.source_date else ""
        words = f"{n.text} (Source: {n.source_publisher}, {n.source_title}{when}, {n.source_url})"
        participants[n.state] = attrs.evolve(rec, notes=tuple(rec.notes) + (words,))
    return attrs.evolve(f, participants=tuple(participants[k] for k in sorted(participants)))


def statement_entries() -> list[StatementEntry]:
    path = SOURCES / "overlay" / "reservations.toml"
    if not path.exists():
        return []
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    conv = _lenient()
    return [conv.structure(item, StatementEntry) for item in raw.get("statements", [])]


def _text_source(sid: str, mtdsg: str, url: str) -> Source:
    """Where the words of a reservation or declaration were read: the depositary's page, or a copy of it."""
    host = urlsplit(url).netloc
    if host == "treaties.un.org":
        return Source(id=sid, title=f"MTDSG {mtdsg}, declarations and reservations", url=url)
    copy = "/".join(urlsplit(url).path.split("/")[1:3]) if host == "github.com" else host
    return Source(id=sid, title=f"MTDSG {mtdsg}, declarations and reservations (the depositary's text as "
                  f"reproduced by {copy})", publisher="United Nations Treaty Collection, via " + copy, url=url)


def apply_statements(f: InstrumentFile, entries: list[StatementEntry], problems: list[str]) -> InstrumentFile:
    """Attach each curated summary to the depositary statement its quotation comes from."""
    mine = [e for e in entries if e.instrument == f.instrument.mtdsg]
    if not mine:
        return f
    sources = {s.id: s for s in f.sources}
    participants = {p.state: p for p in f.participants}
    for e in mine:
        rec = participants.get(e.state)
        sid = None
        if e.source_url:
            sid = _source_id(e.source_url)
            sources.setdefault(sid, _text_source(sid, f.instrument.mtdsg or f.instrument.id, e.source_url))
        if rec is None:
            problems.append(f"{f.instrument.mtdsg} {e.state}: curated {e.kind.value} for a state with no record")
            continue
        date = e.date or (rec.consent if e.made_on == "consent" else None)
        statements = list(rec.statements)
        quote = normalize(e.quote) if e.quote else None
        idx = next((i for i, s in enumerate(statements) if quote and s.text and quote in normalize(s.text)), None)
        curated = {"kind": e.kind, "summary": e.summary, "articles": e.articles, "limits_scope": e.limits_scope,
                   "withdrawn": e.withdrawn, "objects_to": e.objects_to, "source": sid, "remedy": e.remedy,
                   "term": e.term, "territory": e.territory}
        if idx is not None:
            s = statements[idx]
            if s.summary is not None:
                # one depositary paragraph holding two statements (a declaration and a reservation): keep both
                statements.append(Statement(date=date or s.date, text=None, **curated))
            else:
                statements[idx] = attrs.evolve(s, date=date or s.date, **curated)
        elif e.text is not None:
            if quote and quote not in normalize(e.text):
                problems.append(f"{f.instrument.mtdsg} {e.state}: quotation not found in the end note's text: {e.quote!r}")
            statements.append(Statement(date=date, text=e.text, **curated))
        else:
            if quote and any(s.text for s in statements):
                problems.append(f"{f.instrument.mtdsg} {e.state}: quotation not found in the depositary text: {e.quote!r}")
            statements.append(Statement(date=date, text=None, **curated))
        participants[e.state] = attrs.evolve(rec, statements=tuple(statements))
    return attrs.evolve(f, participants=tuple(participants[k] for k in sorted(participants)),
                        sources=tuple(sources.values()))


def state_register() -> Catalog:
    """The hand-curated register of states (data/states.toml), for matching the depositary's names.

    Only the register is read, never the generated instrument files: a bad generated file must not
    keep the build from regenerating it.
    """
    files = read_folder(DATA, instruments=False)
    if files.problems:
        raise DataError(list(files.problems))
    return Catalog(instruments=(), states=tuple(files.states.values()))


def build(check: bool) -> int:
    manifest = data_converter().structure(tomllib.loads((SOURCES / "untc" / "MANIFEST.toml").read_text("utf-8")),
                                          Manifest)
    catalog = state_register()
    tables = {t.instrument: t for t in manifest.tables}
    entries = statement_entries()
    problems: list[str] = []
    outputs: dict[Path, bytes] = {}
    for overlay in sorted((SOURCES / "overlay" / "instruments").glob("*.toml")):
        base = read_instrument_file(overlay)
        inst = base.instrument
        table = tables.get(inst.id)
        f = base
        if table is not None:
            raw_path = SOURCES / "untc" / table.file
            payload = raw_path.read_bytes()
            if hashlib.sha256(payload).hexdigest() != table.sha256:
                problems.append(f"{raw_path}: sha256 differs from the manifest")
                continue
            doc = read_status(raw_path, payload)
            src = untc_source(doc, table.as_of, file=f"sources/untc/{table.file}",
                              note="; ".join(x for x in (table.origin, table.note) if x))
            result = document_to_file(doc, catalog.find_state, base=base, source=src)
            problems += [str(n) for n in result.notes if n.kind in _PROBLEM_NOTES]
            f = result.file
        if inst.mtdsg:
            corrections, sources = corrections_for(inst.mtdsg)
            f = attrs.evolve(f, corrections=tuple(corrections),
                             sources=tuple(f.sources) + tuple(s for s in sources if s not in f.sources))
            f = apply_statements(f, entries, problems)
            f = apply_notes(f, notes_for(inst.mtdsg), problems)
        outputs[DATA / "instruments" / overlay.name] = dump_instrument_file(f)
    for p in problems:
        print("build:", p, file=sys.stderr)
    stale = [path for path, data in outputs.items() if not path.exists() or path.read_bytes() != data]
    if check:
        for path in stale:
            print(f"build: {path.relative_to(ROOT)} is not what the sources give; re-run scripts/build_data.py",
                  file=sys.stderr)
        if stale:
            return 1
    for path in stale:
        path.write_bytes(outputs[path])
        print(f"wrote {path.relative_to(ROOT)}")
    return build_snapshot(check)


def build_snapshot(check: bool) -> int:
    """The snapshot of the bundled data, installed with the package: a load of exactly these bytes reads it."""
    snapshot = folder_snapshot(DATA)
    if SNAPSHOT.exists() and SNAPSHOT.read_bytes() == snapshot:
        return 0
    if check:
        print(f"build: {SNAPSHOT.relative_to(ROOT)} is not the snapshot of data/; re-run scripts/build_data.py",
              file=sys.stderr)
        return 1
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    SNAPSHOT.write_bytes(snapshot)
    print(f"wrote {SNAPSHOT.relative_to(ROOT)}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the committed files are current")
    try:
        return build(parser.parse_args().check)
    except RatifyError as exc:
        print(f"build: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
