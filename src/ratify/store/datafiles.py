"""Writing instrument data files: the TOML layout of `schema.py`, through the cattrs converter."""

from __future__ import annotations

from ratify.store.convert import data_converter
from ratify.store.schema import InstrumentFile
from ratify.store.tomltext import dumps

__all__ = ["dump_instrument_file"]

_HEADER = """\
# {title}
# Participants as the depositary records them (source: {source}); entry into force for each state
# is computed from [instrument].entry_into_force_rule unless a participant records the date itself.
# Regenerate with `ratify import-untc`; hand-curated fields (titles, summaries, notes,
# [[corrections]]) are kept on re-import.

"""


def dump_instrument_file(f: InstrumentFile) -> bytes:
    """The TOML text of `f`, deterministic for equal input."""
    body = dumps(data_converter().unstructure(f), multiline_strings=True)
    header = _HEADER.format(title=f.instrument.title.en.replace("\n", " "), source=f.instrument.source or "none")
    return (header + body).encode("utf-8")
