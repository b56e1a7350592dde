"""The checks a data folder must pass beyond its types: references, dates and the rules of each instrument.

Each check returns `Problem`s; nothing here raises. Errors make the folder unloadable; warnings are
disagreements the depositary's own record explains (a succession dated from independence).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from ratify.model.enums import AcceptanceKind, ActionKind, ConsentKind, RelationKind
from ratify.model.procedures import article_number
from ratify.model.records import Consent, Group, GroupMap, Instrument, Member, State
from ratify.model.rules import MAX_RULE_COUNT, apply_rule, computed_entry_into_force
from ratify.problems import Problem, Severity
from ratify.store.schema import InstrumentFile, ParticipantRecord, ProceduresFile

__all__ = ["date_order_issues", "find_instrument", "validate_files", "validate_procedures"]

_ONE_DAY = dt.timedelta(days=1)  # a page stamped in New York time may be read the same day in UTC

_CORRECTABLE = frozenset(
    {ActionKind.SIGNATURE, ActionKind.DENUNCIATION, ActionKind.STATEMENT_WITHDRAWN}
    | {a for a in ActionKind if a.is_consent}
)


def validate_files(folder: Path, states: Mapping[str, State], groups: Mapping[str, Group],
                   files: Mapping[Path, InstrumentFile], unreadable: Iterable[str] = ()) -> list[Problem]:
    """Every problem of the structured files; `unreadable` names files already reported as broken."""
    problems: list[Problem] = []
    broken = frozenset(unreadable)
    by_id: dict[str, tuple[Path, InstrumentFile]] = {}
    for path, f in files.items():
        inst = f.instrument
        if inst.id in by_id:
            problems.append(Problem(str(path), "instrument.id", f"{inst.id!r} is also the id in {by_id[inst.id][0]}"))
        by_id[inst.id] = (path, f)
        if path.stem != inst.id:
            problems.append(Problem(str(path), "instrument.id",
                                    f"the file of instrument {inst.id!r} must be named {inst.id}.toml"))
    mtdsg_seen: dict[str, str] = {}
    for path, f in files.items():
        problems += _check_instrument(path, f, states, by_id, broken)
        m = f.instrument.mtdsg
        if m:
            if m in mtdsg_seen:
                problems.append(Problem(str(path), "instrument.mtdsg", f"{m!r} is also the number of {mtdsg_seen[m]!r}"))
            mtdsg_seen[m] = f.instrument.id
    problems += _check_prerequisites(by_id)
    problems += _check_groups(folder / "groups.toml", states, groups, by_id, broken)
    return problems


def _check_groups(path: Path, states: Mapping[str, State], groups: Mapping[str, Group],
                  by_id: Mapping[str, tuple[Path, InstrumentFile]], broken: frozenset[str]) -> Iterator[Problem]:
    """Roles, dates and sources of every member entry; at most one default group; baseline and map."""
    file = str(path)
    defaults = [gid for gid, g in groups.items() if g.default]
    for gid in defaults[1:]:
        yield Problem(file, f"{gid}.default", f"only one group can be the default; {defaults[0]!r} already is")
    for gid, g in groups.items():
        role_ids = [r.id for r in g.roles]
        for i, rid in enumerate(role_ids):
            if rid in role_ids[:i]:
                yield Problem(file, f"{gid}.roles[{i}].id", f"duplicate role id {rid!r}")
        source_ids = [s.id for s in g.sources]
        for i, sid in enumerate(source_ids):
            if sid in source_ids[:i]:
                yield Problem(file, f"{gid}.sources[{i}].id", f"duplicate source id {sid!r}")
        last: dict[str, tuple[int, Member]] = {}
        for i, m in enumerate(g.members):
            where = f"{gid}.members[{i}]"
            if m.state not in states:
                yield Problem(file, f"{where}.state", _unknown_state(m.state, states))
            if m.role is not None and m.role not in role_ids:
                yield Problem(file, f"{where}.role", _unknown("role", m.role, role_ids, f"declared in {gid}.roles"))
            if m.since and m.until and m.until < m.since:
                yield Problem(file, f"{where}.until", f"{m.until} is before the role starts on {m.since}")
            if m.source is not None:
                yield from _check_member_source(file, f"{where}.source", m.source, source_ids, by_id, broken)
            seen = last.get(m.state)
            if seen is not None:
                j, before = seen
                if m.since is None or (before.since is not None and m.since <= before.since):
                    yield Problem(file, f"{where}.since", f"{m.state}'s entries must be in date order, each with a "
                                  f"later `since` than the one before ({gid}.members[{j}])")
                elif before.until is not None and before.until >= m.since:
                    yield Problem(file, f"{where}.since", f"overlaps {gid}.members[{j}], which runs until {before.until}")
            last[m.state] = (i, m)
        if g.baseline is not None:
            yield from _check_baseline(file, f"{gid}.baseline", g.baseline, by_id, broken)
        yield from _check_map(file, f"{gid}.map", g.map, states)


def _check_member_source(file: str, where: str, ref: str, source_ids: list[str],
                         by_id: Mapping[str, tuple[Path, InstrumentFile]], broken: frozenset[str]) -> Iterator[Problem]:
    head = ref.partition(",")[0].strip()
    if head in source_ids or head in by_id or head in broken:
        return
    # an instrument may be left out of a smaller data folder: reported, not refused
    yield Problem(file, where, _unknown("source", head, [*source_ids, *by_id],
                                        "neither a source of the group nor an instrument in this folder"), Severity.WARNING)


def _check_baseline(file: str, where: str, ident: str, by_id: Mapping[str, tuple[Path, InstrumentFile]],
                    broken: frozenset[str]) -> Iterator[Problem]:
    if ident in broken:
        return
    if ident not in by_id:
        yield Problem(file, where, _unknown("instrument", ident, list(by_id), "not in this data folder; a regional "
                                            "report then needs its start date given"), Severity.WARNING)
    elif by_id[ident][1].instrument.adoption is None:
        yield Problem(file, where, f"instrument {ident!r} has no adoption date to start a regional report from")


def _check_map(file: str, where: str, m: GroupMap, states: Mapping[str, State]) -> Iterator[Problem]:
    if m.view is not None:
        west, south, east, north = m.view
        if not (-180 <= west < east <= 180):
            yield Problem(file, f"{where}.view", "expected west < east, both from -180 to 180 degrees")
        if not (-90 <= south < north <= 90):
            yield Problem(file, f"{where}.view", "expected south < north, both from -90 to 90 degrees")
    for code, (lon, lat) in m.labels.items():
        if code not in states:
            yield Problem(file, f"{where}.labels.{code}", _unknown_state(code, states))
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            yield Problem(file, f"{where}.labels.{code}", "expected (longitude, latitude) in degrees")


def _unknown(what: str, name: str, known: Iterable[str], why: str) -> str:
    near = difflib.get_close_matches(name, list(dict.fromkeys(known)), n=3)
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    return f"unknown {what} {name!r} ({why}){hint}"


def _unknown_state(code: str, states: Mapping[str, State]) -> str:
    near = difflib.get_close_matches(code, list(states), n=3)
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    return f"unknown state code {code!r}{hint}"


def _check_instrument(path: Path, f: InstrumentFile, states: Mapping[str, State],
                      by_id: Mapping[str, tuple[Path, InstrumentFile]], broken: frozenset[str]) -> Iterator[Problem]:
    file = str(path)
    inst = f.instrument
    source_ids = [s.id for s in f.sources]
    for i, sid in enumerate(source_ids):
        if sid in source_ids[:i]:
            yield Problem(file, f"sources[{i}].id", f"duplicate source id {sid!r}")
    if inst.source and inst.source not in source_ids:
        yield Problem(file, "instrument.source", f"unknown source {inst.source!r}")
    for field, rule in (("entry_into_force_rule", inst.entry_into_force_rule),
                        ("denunciation_rule", inst.denunciation_rule)):
        if rule is not None and not 0 <= rule.count <= MAX_RULE_COUNT:
            yield Problem(file, f"instrument.{field}.count",
                          f"{rule.count} is not a period a treaty counts (from 0 to {MAX_RULE_COUNT:,} days or months)")
    for i, rel in enumerate(inst.relations):
        if rel.target not in by_id and rel.target not in broken:
            near = difflib.get_close_matches(rel.target, list(by_id), n=3)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            yield Problem(file, f"instrument.relations[{i}].target", f"unknown instrument {rel.target!r}{hint}")
    if inst.checked is not None and inst.as_of is not None and inst.checked.date() < inst.as_of - _ONE_DAY:
        yield Problem(file, "instrument.checked", f"checked on {inst.checked.date()}, before the table's own "
                      f"date ({inst.as_of}): a page cannot be read before it was issued")
    if inst.binding and inst.entry_into_force_rule is None \
            and any(r.consent and r.entry_into_force is None for r in f.participants):
        yield Problem(file, "instrument.entry_into_force_rule", "no rule of entry into force: for a state whose "
                      "entry into force the depositary does not date, whether it is in force cannot be told (add "
                      "[instrument.entry_into_force_rule] from the instrument's article on entry into force)",
                      severity="warning")
    adopted = inst.adoption.date if inst.adoption else None
    seen: dict[str, int] = {}
    for i, rec in enumerate(f.participants):
        where = f"participants[{i}]"
        if rec.state not in states:
            yield Problem(file, f"{where}.state", _unknown_state(rec.state, states))
        if rec.state in seen:
            yield Problem(file, f"{where}.state", f"duplicate participant {rec.state} (also participants[{seen[rec.state]}])")
        seen.setdefault(rec.state, i)
        if rec.source and rec.source not in source_ids:
            yield Problem(file, f"{where}.source", f"unknown source {rec.source!r}")
        if rec.consent_kind and not rec.consent:
            yield Problem(file, f"{where}.consent_kind", "a consent kind without a consent date")
        for field, code, message in date_order_issues(rec, adopted):
            # the depositary's own record, kept as it stands, is reported rather than refused
            accepted = code in rec.quirks
            yield Problem(file, f"{where}.{field}", message + (" (as the depositary records it)" if accepted else ""),
                          Severity.WARNING if accepted else Severity.ERROR)
        d = rec.denunciation
        if d and rec.consent and d.notified and d.notified < rec.consent:
            yield Problem(file, f"{where}.denunciation.notified", f"denunciation {d.notified} is before consent on {rec.consent}")
        if d and d.notified and d.effective and d.effective < d.notified:
            yield Problem(file, f"{where}.denunciation.effective", "takes effect before it was notified")
        yield from _beyond_calendar(file, where, inst, rec)
        if rec.entry_into_force and rec.consent:
            consent = Consent(rec.consent, rec.consent_kind or ConsentKind.RATIFICATION)
            expected = computed_entry_into_force(inst, consent)
            if rec.entry_into_force != expected:
                succession = consent.kind is ConsentKind.SUCCESSION
                rule = inst.entry_into_force_rule
                why = rule.describe() if rule else "no rule"
                yield Problem(file, f"{where}.entry_into_force",
                              f"recorded {rec.entry_into_force} differs from {expected} computed by the rule ({why})",
                              Severity.WARNING if succession else Severity.ERROR)
        for j, st in enumerate(rec.statements):
            if st.objects_to and st.objects_to not in states:
                yield Problem(file, f"{where}.statements[{j}].objects_to", _unknown_state(st.objects_to, states))
            if st.source and st.source not in source_ids:
                yield Problem(file, f"{where}.statements[{j}].source", f"unknown source {st.source!r}")
            if st.withdrawn and st.date and st.withdrawn < st.date:
                yield Problem(file, f"{where}.statements[{j}].withdrawn", "withdrawn before it was made")
    for i, c in enumerate(f.corrections):
        where = f"corrections[{i}]"
        if c.state not in states:
            yield Problem(file, f"{where}.state", _unknown_state(c.state, states))
        if c.source not in source_ids:
            yield Problem(file, f"{where}.source", f"unknown source {c.source!r}")
        if c.action not in _CORRECTABLE:
            allowed = ", ".join(sorted(a.value for a in _CORRECTABLE))
            yield Problem(file, f"{where}.action", f"{c.action.value!r} cannot be corrected; use one of {allowed}")
        if adopted and c.date < adopted:
            yield Problem(file, f"{where}.date", f"{c.date} is before adoption on {adopted}")
        rule = (inst.entry_into_force_rule if c.action.is_consent and c.action is not ActionKind.SUCCESSION
                else inst.denunciation_rule if c.action is ActionKind.DENUNCIATION else None)
        if c.effective is None and rule is not None and 0 <= rule.count <= MAX_RULE_COUNT \
                and apply_rule(rule, c.date) is None:
            yield Problem(file, f"{where}.date",
                          f"{c.date} counted {rule.describe()} falls beyond the calendar: the date cannot be computed")
        if c.action is ActionKind.STATEMENT_WITHDRAWN and not c.statement:
            yield Problem(file, f"{where}.statement", "say which statement is withdrawn (words from its text)")


def _beyond_calendar(file: str, where: str, inst: Instrument, rec: ParticipantRecord) -> Iterator[Problem]:
    """A date from which a rule counts to beyond the calendar (consent on 9999-12-31 + 90 days)."""
    checks = (
        ("consent", inst.entry_into_force_rule, rec.consent,
         rec.entry_into_force is None and rec.consent_kind is not ConsentKind.SUCCESSION),
        ("denunciation.notified", inst.denunciation_rule, rec.denunciation.notified if rec.denunciation else None,
         rec.denunciation is not None and rec.denunciation.effective is None),
    )
    for field, rule, start, counted in checks:
        if counted and rule is not None and start is not None and 0 <= rule.count <= MAX_RULE_COUNT \
                and apply_rule(rule, start) is None:
            yield Problem(file, f"{where}.{field}",
                          f"{start} counted {rule.describe()} falls beyond the calendar: the date cannot be computed")


def date_order_issues(rec: ParticipantRecord, adopted: dt.date | None) -> list[tuple[str, str, str]]:
    """(field, code, message) for each date of `rec` out of order: before adoption, signature after consent."""
    out = []
    if adopted and rec.signature and rec.signature < adopted:
        out.append(("signature", "signature_before_adoption", f"signature {rec.signature} is before adoption on {adopted}"))
    if adopted and rec.consent and rec.consent < adopted:
        out.append(("consent", "consent_before_adoption", f"consent {rec.consent} is before adoption on {adopted}"))
    if rec.signature and rec.consent and rec.signature > rec.consent:
        out.append(("signature", "signature_after_consent", f"signature {rec.signature} is after consent on {rec.consent}"))
    return out


def _consented(f: InstrumentFile) -> set[str]:
    states = {r.state for r in f.participants if r.consent}
    states |= {c.state for c in f.corrections if c.action.is_consent}
    return states


def _check_prerequisites(by_id: Mapping[str, tuple[Path, InstrumentFile]]) -> Iterator[Problem]:
    """A consent to an instrument that requires being party to another (UNTOC art. 37(2)) needs that consent."""
    for path, f in by_id.values():
        for rel in f.instrument.relations:
            if rel.kind is not RelationKind.REQUIRES_PARTY_TO or rel.target not in by_id:
                continue
            parent_path, parent = by_id[rel.target]
            if not parent.participants and not parent.corrections:
                continue  # the parent's table is not in this folder: nothing to check against
            parents = _consented(parent)
            parent_as_of = parent.instrument.as_of
            for i, rec in enumerate(f.participants):
                if rec.consent and rec.state not in parents:
                    stale = parent_as_of is not None and rec.consent > parent_as_of
                    why = (f"; {parent_path.name} is as of {parent_as_of}, before this consent, so the record of "
                           f"{rel.target} is out of date" if stale else "")
                    yield Problem(str(path), f"participants[{i}].consent",
                                  f"{rec.state} consented to {f.instrument.id} on {rec.consent} but has no consent to "
                                  f"{rel.target}, which it requires ({rel.basis or 'relation'}){why}",
                                  Severity.WARNING if stale else Severity.ERROR)


_MTDSG = re.compile(r"^[IVXLC]+-\d+[A-Za-z0-9-]*$")


def find_instrument(ref: str, files: Iterable[InstrumentFile]) -> str | None:
    """The id of the instrument `ref` names (its id or MTDSG number) among `files`, or None."""
    for f in files:
        if ref in (f.instrument.id, f.instrument.mtdsg):
            return f.instrument.id
    return None


def validate_procedures(path: Path, f: ProceduresFile, files: Mapping[Path, InstrumentFile]) -> list[Problem]:
    """The procedures file: known instruments (an MTDSG number the folder lacks is skipped, not an
    error: a user's folder may hold only some instruments), the fields each way of acceptance needs,
    known sources, no procedure twice."""
    file = str(path)
    problems: list[Problem] = []
    known = list(files.values())
    names = [n for x in known for n in (x.instrument.id, x.instrument.mtdsg) if n]
    source_ids = [s.id for s in f.sources]
    for i, sid in enumerate(source_ids):
        if sid in source_ids[:i]:
            problems.append(Problem(file, f"sources[{i}].id", f"duplicate source id {sid!r}"))
    for i, phrase in enumerate(f.declines):
        if not phrase.strip():
            problems.append(Problem(file, f"declines[{i}]", "an empty phrase would match every statement"))
    seen: dict[tuple[str, str, str], int] = {}
    for i, proc in enumerate(f.procedures):
        where = f"procedures[{i}]"
        for field in ("instrument", "covers"):
            ref = getattr(proc, field)
            if ref is not None and find_instrument(ref, known) is None and not _MTDSG.match(ref):
                near = difflib.get_close_matches(ref, names, n=3)
                hint = f"; did you mean {', '.join(near)}?" if near else ""
                problems.append(Problem(file, f"{where}.{field}", f"unknown instrument {ref!r}{hint}"))
        if proc.article is None and proc.acceptance is not AcceptanceKind.PROTOCOL:
            problems.append(Problem(file, f"{where}.article", f"a {proc.acceptance.value} procedure needs its article"))
        elif proc.article is not None and not any(c.isdigit() for c in proc.article):
            problems.append(Problem(file, f"{where}.article", f"{proc.article!r} names no article number"))
        if proc.acceptance is AcceptanceKind.OPT_OUT and not proc.opt_out_article:
            problems.append(Problem(file, f"{where}.opt_out_article",
                                    "an opt-out procedure needs the article under which a state opts out"))
        if proc.acceptance is not AcceptanceKind.OPT_OUT and proc.opt_out_article:
            problems.append(Problem(file, f"{where}.opt_out_article",
                                    f"only an opt-out procedure has one (acceptance is {proc.acceptance.value!r})"))
        if proc.source is not None and proc.source not in source_ids:
            problems.append(Problem(file, f"{where}.source", f"unknown source {proc.source!r}"))
        key = (find_instrument(proc.instrument, known) or proc.instrument, article_number(proc.article), proc.kind.value)
        if key in seen:
            problems.append(Problem(file, where, f"the same procedure as procedures[{seen[key]}]"))
        seen.setdefault(key, i)
    return problems
