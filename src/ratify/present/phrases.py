"""Small phrases built from facts: article lists, references, entry-into-force rules, "13 years ago".

Every word comes from the gettext catalogue, every list, ordinal and plural from CLDR (Babel), so a
language is its catalogue — there is no table of words per language in the code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ratify.model.enums import RuleKind

if TYPE_CHECKING:
    from ratify.model.records import Event, Rule
    from ratify.present.i18n import Lang

__all__ = ["ago", "articles", "event_detail", "ref_text", "rule_text"]


# an article with one paragraph, "43(2)" or "VIII(2)": Russian legal usage cites it "п. 2 ст. 43"
_ARTICLE_PARAGRAPH = re.compile(r"^(?P<article>\d+|[IVXLC]+)\((?P<paragraph>\d+)\)$")
_ART_REF = re.compile(r"(?<!\w)art\. (?P<article>\d+|[IVXLC]+)\((?P<paragraph>\d+)\)(?![\w(])")


def _paragraph_of(article: str, paragraph: str, lang: Lang) -> str:
    return lang.pgettext("reference", "art. %(article)s(%(paragraph)s)") % {"article": article,
                                                                          "paragraph": paragraph}


def articles(arts: Sequence[str], lang: Lang) -> str:
    """ "art. 14", "arts. 17, 23 and 26", "art. 35(2)" / "ст. 14", "ст. 17, 23 и 26", "п. 2 ст. 35"."""
    if not arts:
        return ""
    if len(arts) == 1 and (m := _ARTICLE_PARAGRAPH.match(arts[0])):
        return _paragraph_of(m["article"], m["paragraph"], lang)
    return lang.ngettext("art. %(list)s", "arts. %(list)s", len(arts), list=lang.join(arts))


# the abbreviations the data writes in its references ("para. 5, note 1"), longest first; each is
# translated under the context "reference"
_REFERENCE_WORDS = ("paras.", "para.", "arts.", "art.", "note", "preamble", "item")


def _reference_messages(lang: Lang) -> tuple[str, ...]:  # pragma: no cover - marks the messages for extraction
    return (lang.pgettext("reference", "paras."), lang.pgettext("reference", "para."),
            lang.pgettext("reference", "arts."), lang.pgettext("reference", "art."),
            lang.pgettext("reference", "note"), lang.pgettext("reference", "preamble"),
            lang.pgettext("reference", "item"))


def ref_text(ref: str | None, lang: Lang) -> str:
    """A reference as the data writes it ("para. 5, note 1"), with its abbreviations in `lang`."""
    if not ref:
        return ""
    words = {w: lang.pgettext("reference", w) for w in _REFERENCE_WORDS}
    if all(k == v for k, v in words.items()):
        return ref
    ref = _ART_REF.sub(lambda m: _paragraph_of(m["article"], m["paragraph"], lang), ref)
    pattern = "|".join(re.escape(w) for w in _REFERENCE_WORDS)
    return re.sub(rf"(?<!\w)({pattern})(?!\w)", lambda m: words[m.group(1)], ref)


def ago(years: int | None, lang: Lang) -> str:
    """ "less than a year ago", "1 year ago", "13 years ago" / "13 лет назад"; "" for None."""
    if years is None:
        return ""
    if years == 0:
        return lang.gettext("less than a year ago")
    return lang.ngettext("%(num)d year ago", "%(num)d years ago", years)


def rule_text(rule: Rule, lang: Lang) -> str:
    """The rule in words, with its article: "on the 90th day after deposit (art. 43(2))"."""
    n = rule.count
    if rule.kind is RuleKind.ON_DATE:
        text = lang.gettext("on the date of deposit")
    elif rule.kind is RuleKind.DAYS_AFTER:
        text = lang.gettext("on the %(ordinal)s day after deposit") % {"ordinal": lang.ordinal(n)}
    elif rule.kind is RuleKind.MONTHS_AFTER:
        text = lang.ngettext("%(num)d month after deposit", "%(num)d months after deposit", n)
    else:
        text = lang.ngettext("on the first day of the month after %(num)d month from deposit",
                             "on the first day of the month after %(num)d months from deposit", n)
    if rule.not_before_entry_into_force and rule.kind is not RuleKind.ON_DATE:
        text += lang.gettext(", not before the instrument's own entry into force")
    return lang.gettext("%(rule)s (%(article)s)") % {"rule": text, "article": ref_text(rule.article, lang)}


def event_detail(event: Event, lang: Lang) -> str | None:
    """What an event is about, briefly: the statement's summary or articles, or the depositary's words."""
    st = event.statement
    if st is None:
        return event.detail
    if st.summary:
        return st.summary.get(lang.code)
    return articles(st.articles, lang) or None
