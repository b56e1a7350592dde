"""One vocabulary for every output: the labels of the closed sets of values, the status marks and colours.

HTML and Markdown documents, the Word writer, figures and maps, notebook displays and the command
line all read these tables — nothing else defines a status symbol, colour or label. Labels are
English message ids, translated where they are used (`Lang.gettext`); a status symbol is translated
under the context "status symbol". The colours of the report stylesheet and the notebook style are
generated from `STATUS_STYLES` (`status_css`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from ratify.model.enums import ActionKind, ConsentKind, GapKind, StatementKind, Status, Theme
from ratify.present.i18n import N_, Lang

if TYPE_CHECKING:
    from ratify.query.gaps import Gap

__all__ = [
    "ACTION_LABELS",
    "CONSENT_LABELS",
    "GAP_LABELS",
    "LIMITING_LABELS",
    "NON_BINDING_LABEL",
    "STATEMENT_LABELS",
    "STATUS_LABELS",
    "STATUS_ORDER",
    "STATUS_STYLES",
    "THEME_LABELS",
    "WITHDRAWN_LABELS",
    "StatusStyle",
    "gap_label",
    "status_css",
    "status_label",
    "symbol",
]


@attrs.frozen
class StatusStyle:
    """How a status looks: its one-letter mark, its text colour, the tint behind it, its fill in figures."""

    symbol: str  # English; translated with the context "status symbol"
    ink: str  # "#rrggbb": text of the status (badges, legends)
    background: str  # the tint behind it: badges, table cells, Word shading
    fill: str  # the solid colour of a figure's cell, bar or country


# the order statuses are listed and drawn in
STATUS_ORDER = (Status.PARTY, Status.CONTRACTING, Status.SIGNATORY, Status.DENOUNCED, Status.NONE)

STATUS_STYLES = {
    Status.PARTY: StatusStyle("P", "#2e7d32", "#e3f1e4", "#2e7d32"),
    Status.CONTRACTING: StatusStyle("C", "#00695c", "#dcf0ed", "#4db6ac"),
    Status.SIGNATORY: StatusStyle("S", "#8a5a00", "#fbefd5", "#fcc419"),
    Status.DENOUNCED: StatusStyle("D", "#b3261e", "#fbe3e1", "#e03131"),
    Status.NONE: StatusStyle("–", "#5b6470", "#eceff2", "#dee2e6"),
}

STATUS_LABELS = {
    Status.NONE: N_("no action"),
    Status.SIGNATORY: N_("signatory"),
    Status.CONTRACTING: N_("contracting State (not yet in force)"),
    Status.PARTY: N_("party"),
    Status.DENOUNCED: N_("denounced"),
}

CONSENT_LABELS = {
    ConsentKind.RATIFICATION: N_("ratification"),
    ConsentKind.ACCESSION: N_("accession"),
    ConsentKind.SUCCESSION: N_("succession"),
    ConsentKind.ACCEPTANCE: N_("acceptance"),
    ConsentKind.APPROVAL: N_("approval"),
    ConsentKind.DEFINITIVE_SIGNATURE: N_("definitive signature"),
    ConsentKind.FORMAL_CONFIRMATION: N_("formal confirmation"),
    ConsentKind.CONSENT_TO_BE_BOUND: N_("consent to be bound"),
    ConsentKind.OTHER: N_("consent to be bound (other)"),
}

ACTION_LABELS = {
    ActionKind.SIGNATURE: N_("Signature"),
    ActionKind.RATIFICATION: N_("Ratification"),
    ActionKind.ACCESSION: N_("Accession"),
    ActionKind.SUCCESSION: N_("Succession"),
    ActionKind.ACCEPTANCE: N_("Acceptance"),
    ActionKind.APPROVAL: N_("Approval"),
    ActionKind.DEFINITIVE_SIGNATURE: N_("Definitive signature"),
    ActionKind.FORMAL_CONFIRMATION: N_("Formal confirmation"),
    ActionKind.CONSENT_TO_BE_BOUND: N_("Consent to be bound"),
    ActionKind.OTHER_CONSENT: N_("Consent to be bound (other)"),
    ActionKind.ENTRY_INTO_FORCE: N_("Entry into force for the State"),
    ActionKind.DENUNCIATION: N_("Denunciation notified"),
    ActionKind.DENUNCIATION_EFFECTIVE: N_("Denunciation takes effect"),
    ActionKind.RESERVATION: N_("Reservation"),
    ActionKind.DECLARATION: N_("Declaration"),
    ActionKind.OBJECTION: N_("Objection"),
    ActionKind.STATEMENT_WITHDRAWN: N_("Withdrawal of a reservation or declaration"),
}

STATEMENT_LABELS = {
    StatementKind.RESERVATION: N_("Reservation"),
    StatementKind.DECLARATION: N_("Declaration"),
    StatementKind.OBJECTION: N_("Objection"),
}

GAP_LABELS = {
    GapKind.NO_ACTION: N_("No action taken"),
    GapKind.SIGNED_NOT_RATIFIED: N_("Signed, not ratified"),
    GapKind.NOT_YET_IN_FORCE: N_("Not yet in force for the State"),
    GapKind.ENTRY_INTO_FORCE_UNKNOWN: N_("In force: unknown (no rule)"),
    GapKind.DENOUNCED: N_("Denounced"),
    GapKind.LIMITING_RESERVATION: N_("Reservation limiting the scope"),
    GapKind.PREREQUISITE_MISSING: N_("Prerequisite missing"),
    GapKind.PROCEDURE_NOT_ACCEPTED: N_("Procedure not accepted"),
    GapKind.RECORD_INCONSISTENT: N_("Record inconsistent (likely out of date)"),
}
# a statement that limits the scope is labelled with the kind the depositary gives it
LIMITING_LABELS = {
    StatementKind.RESERVATION: N_("Reservation limiting the scope"),
    StatementKind.DECLARATION: N_("Declaration limiting the scope"),
    StatementKind.OBJECTION: N_("Objection"),
}

# the statement a withdrawal is of, inside a sentence (translated with the context "statement withdrawn")
WITHDRAWN_LABELS = {
    StatementKind.RESERVATION: "reservation",
    StatementKind.DECLARATION: "declaration",
    StatementKind.OBJECTION: "objection",
}


def _withdrawn_messages(lang: Lang) -> tuple[str, ...]:  # pragma: no cover - marks the messages for extraction
    return (lang.pgettext("statement withdrawn", "reservation"), lang.pgettext("statement withdrawn", "declaration"),
            lang.pgettext("statement withdrawn", "objection"))


THEME_LABELS = {
    Theme.REFUGEES: N_("Refugees"),
    Theme.STATELESSNESS: N_("Statelessness"),
    Theme.HUMAN_RIGHTS: N_("Human rights"),
    Theme.MIGRANT_WORKERS: N_("Migrant workers"),
    Theme.TRAFFICKING_SMUGGLING: N_("Trafficking in persons and smuggling of migrants"),
    Theme.REGIONAL_COOPERATION: N_("Regional cooperation"),
    Theme.OTHER: N_("Other instruments"),
}
NON_BINDING_LABEL = N_("Non-binding documents")


def _symbol_messages(lang: Lang) -> tuple[str, ...]:  # pragma: no cover - marks the messages for extraction
    return (lang.pgettext("status symbol", "P"), lang.pgettext("status symbol", "C"),
            lang.pgettext("status symbol", "S"), lang.pgettext("status symbol", "D"),
            lang.pgettext("status symbol", "–"))


def gap_label(gap: Gap, lang: Lang | None = None) -> str:
    """The label of a gap's kind; a limiting statement's is the depositary's kind of it ("Declaration limiting
    the scope"), with its term of art where the data gives one ("… (geographic limitation)")."""
    st = gap.statement
    label = LIMITING_LABELS[st.kind] if gap.kind is GapKind.LIMITING_RESERVATION and st else GAP_LABELS[gap.kind]
    text = lang.gettext(label) if lang is not None else label
    if gap.kind is GapKind.LIMITING_RESERVATION and st is not None and st.term is not None:
        text = f"{text} ({st.term.get(lang.code if lang is not None else 'en')})"
    return text


def symbol(status: Status, lang: Lang | None = None) -> str:
    """The status's one-letter mark ("P"; "У" in Russian); untranslated without `lang`."""
    mark = STATUS_STYLES[status].symbol
    return lang.pgettext("status symbol", mark) if lang is not None else mark


def status_label(status: Status, lang: Lang | None = None) -> str:
    """ "party", "contracting State (not yet in force)", … in `lang` (English without it)."""
    label = STATUS_LABELS[status]
    return lang.gettext(label) if lang is not None else label


def status_css(indent: str = "  ") -> str:
    """The CSS custom properties of the status colours, two statuses a line: `--party: …; --party-bg: …;`."""
    pairs = [f"--{s.value}: {STATUS_STYLES[s].ink}; --{s.value}-bg: {STATUS_STYLES[s].background};"
             for s in STATUS_ORDER]
    return "\n".join(indent + " ".join(pairs[i:i + 2]) for i in range(0, len(pairs), 2))
