"""ratify's own templates compiled once per user, not once per process: jinja2's code kept in the cache.

jinja2 turns a template into Python code, which costs more than rendering a brief. That code is kept
as an authenticated blob of `ratify.store.cache.FileCache` (a private folder, every entry checked
with an HMAC under the user's secret before a byte of it is read), so what is run is only ever code
this user's ratify compiled. The key holds everything the code depends on: the template's name,
file and source checksum, the environment's settings (delimiters, whitespace, escaping, finalize,
extensions, gettext style), ratify's and jinja2's versions and Python's bytecode magic number — and,
since jinja2 computes a constant passed through a filter or `finalize` while compiling, the language
(the filters format in it) and the code of those filters: ratify's modules that define them, Babel's
version, MarkupSafe's module. A user's own templates (``--templates``, rendered in the sandbox) are
never cached: compiled afresh, as they are checked afresh. ``RATIFY_CACHE=0`` turns this off with the
rest of the cache.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import types
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket

from ratify import __version__
from ratify.store.cache import FileCache, default_cache

__all__ = ["KIND", "TemplateCodeCache", "folding", "settings", "template_code_cache"]

KIND = "jinja2"  # the kind of blob in the cache
_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
             "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
             "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
             "autoescape", "finalize", "is_async", "newstyle_gettext")


def _setting(value: Any) -> str:
    if callable(value):  # finalize, a callable autoescape: by name (they are ratify's own functions)
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return repr(value)


def settings(env: jinja2.Environment) -> str:
    """What of `env` the compiled code of a template depends on, as text."""
    values = [f"{name}={_setting(getattr(env, name, None))}" for name in _SETTINGS]
    values.append(f"extensions={sorted(env.extensions)}")
    values.append(f"class={type(env).__module__}.{type(env).__qualname__}")
    return "\n".join(values)


class TemplateCodeCache(jinja2.BytecodeCache):
    """jinja2's bytecode cache over the authenticated blobs of a `FileCache` (marshalled code objects)."""

    def __init__(self, store: FileCache, folded: str) -> None:
        self.store = store
        self.folded = folded  # what constants folded while compiling depend on (see `folding`)

    def key(self, bucket: Bucket) -> str:
        """The blob's key: the template (jinja2's key of name and file, and its source checksum), the
        environment's settings and every version the code depends on."""
        return "\0".join((bucket.key, bucket.checksum, settings(bucket.environment), self.folded, __version__,
                          jinja2.__version__, importlib.util.MAGIC_NUMBER.hex()))

    def load_bytecode(self, bucket: Bucket) -> None:
        with self.store:  # the folder is not held open between templates
            payload = self.store.get_blob(KIND, self.key(bucket))  # None unless its MAC is valid
        if payload is None:
            return
        try:
            code = marshal.loads(payload)  # authenticated: compiled and written by this user's ratify
        except (EOFError, ValueError, TypeError):
            return
        if isinstance(code, types.CodeType):
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            with self.store:
                self.store.put_blob(KIND, self.key(bucket), marshal.dumps(bucket.code))


def template_code_cache(lang: str) -> TemplateCodeCache | None:
    """The cache for ratify's own templates in `lang`, or None when the cache is turned off."""
    store = default_cache()
    return TemplateCodeCache(store, folding(lang)) if store is not None else None


def folding(lang: str) -> str:
    """What a constant that jinja2 passes through a filter or `finalize` while compiling depends on: the language
    the filters of `environment(…, lang)` format in, and the code behind them."""
    import babel

    return f"lang={lang}\0babel={babel.__version__}\0code={_filters_code()}"


@cache
def _filters_code() -> str:
    """A digest of the modules that define the environment's filters and finalize (and escape): read as files."""
    import markupsafe

    here = Path(__file__).resolve().parent
    h = hashlib.blake2b(digest_size=16)
    for path in (here / "render.py", here.parent / "i18n.py", Path(str(markupsafe.__file__))):
        h.update(path.read_bytes())
    return h.hexdigest()
