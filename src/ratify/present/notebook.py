"""Rich display in notebooks: HTML from the jinja2 templates under templates/notebook/ (autoescaped).

Each `_repr_html_` of the model (Participation, Instrument, State), of `Matrix`, `GapList` and
`ChangeList` renders one template here. jinja2 is imported on first use, never by `import ratify`.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

__all__ = ["render"]


def _safe_url(url: str | None) -> str | None:
    """The URL if it is an http(s) one, else None: a link is never `javascript:` or a local file."""
    if url and url.lower().startswith(("https://", "http://")):
        return url
    return None


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


@cache
def environment() -> jinja2.Environment:
    import jinja2

    from ratify.resources import bundled_templates

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(bundled_templates()), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["safe_url"] = _safe_url
    env.filters["iso"] = _date
    return env


def render(name: str, **context: Any) -> str:
    """Render templates/notebook/`name`."""
    return environment().get_template(f"notebook/{name}").render(**context)
