"""The sandbox that user templates run in: jinja2's, with time, output and memory bounded.

jinja2's `ImmutableSandboxedEnvironment` keeps a template from reaching Python internals or
changing lists and dicts, but not from running for ever or filling the memory:
`{% for i in range(100000) %}{% for j in range(100000) %}…`, `{{ 9 ** 99999999 }}` or
`('x' * 10**10)|length` do just that. `BoundedSandbox` adds, for every render:

- a wall-clock budget (`Limits.seconds`), checked at every loop iteration, call, attribute or item
  access, filter and piece of output;
- a cap on the iterations of all loops together (`Limits.iterations`) — every `{% for %}` of a
  sandboxed template iterates through a counter, put there when the template is parsed;
- a cap on the output (`Limits.output` characters), counted while the document is generated;
- operators checked before they run: `**` and `*` whose integer result would exceed
  `Limits.int_bits`, `*` and `+` that would make a string longer than `Limits.length` or a list
  longer than `Limits.items`, `%` formatting with a width or precision over `Limits.width`;
- the string methods and filters that can multiply a size checked before they run (`center`,
  `ljust`, `rjust`, `zfill`, `expandtabs`, `replace`, `join`, `format`, `indent`, `wordwrap`,
  `batch`, `slice`, `lipsum`, and `split`, `splitlines` and `list` of a long string; `translate` is
  refused), and every value given to a filter or
  printed, and every `~` concatenation, checked for size (a bounded walk of nested lists and dicts).

Going over a limit raises `TemplateLimitError` (a `ReportError`): "template brief.html.j2 exceeded …".
"""

from __future__ import annotations

import functools
import re
import string
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any

import attrs
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum, pass_context

from ratify.errors import TemplateLimitError

__all__ = ["LIMITS", "BoundedSandbox", "Limits", "TemplateLimitError", "bounded_render"]


@attrs.frozen
class Limits:
    """What one render of a user template may spend."""

    seconds: float = 10.0  # wall-clock time
    output: int = 20_000_000  # characters of the document (a brief is about 30,000)
    iterations: int = 1_000_000  # of all `{% for %}` loops together
    length: int = 10_000_000  # characters of a string an operator, method or filter makes
    items: int = 1_000_000  # elements of a list, or of nested lists and dicts, made or printed
    int_bits: int = 100_000  # size of an integer an operator makes (about 30,000 digits)
    width: int = 10_000  # a padding width, precision, batch size or repetition count of a method or filter


LIMITS = Limits()


class _Budget:
    """What one render has spent so far."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.iterations = 0
        self.output = 0

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise _exceeded(f"its time budget of {self.limits.seconds:g} s")


_BUDGET: ContextVar[_Budget | None] = ContextVar("ratify_template_budget", default=None)


def _limits() -> Limits:
    budget = _BUDGET.get()
    return budget.limits if budget is not None else LIMITS


def _exceeded(what: str) -> TemplateLimitError:
    budget = _BUDGET.get()
    name = f"template {budget.name}" if budget is not None else "a template"
    return TemplateLimitError(f"{name} exceeded {what}")


def _refused(what: str) -> TemplateLimitError:
    budget = _BUDGET.get()
    name = f"template {budget.name}" if budget is not None else "a template"
    return TemplateLimitError(f"{name} may not use {what}")


def _tick() -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.tick()


def bounded_render(template: Any, variables: Mapping[str, Any], limits: Limits | None = None) -> str:
    """Render `template` with `variables` within `limits` (default: `LIMITS`), counting the output as it comes."""
    lim = limits or LIMITS
    budget = _Budget(template.name or "<string>", lim)
    token = _BUDGET.set(budget)
    try:
        parts = []
        for chunk in template.generate(**variables):
            budget.output += len(chunk)
            if budget.output > lim.output:
                raise _exceeded(f"the output limit of {lim.output:,} characters")
            budget.tick()
            parts.append(chunk)
        return "".join(parts)
    finally:
        _BUDGET.reset(token)


# -- sizes -------------------------------------------------------------------------------------------------------


def _check_size(value: Any) -> None:
    """Refuse a string over `Limits.length`, or nested lists/dicts over `Limits.items` elements or that length."""
    lim = _limits()
    if isinstance(value, (str, bytes)):
        if len(value) > lim.length:
            raise _exceeded(f"the limit of {lim.length:,} characters for a string")
        return
    if not isinstance(value, (list, tuple, dict, set, frozenset)):
        return
    items = chars = 0
    stack: list[Any] = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, (str, bytes)):
            chars += len(node)
            if chars > lim.length:
                raise _exceeded(f"the limit of {lim.length:,} characters for a value")
            continue
        if isinstance(node, dict):
            node = [*node.keys(), *node.values()]
        elif not isinstance(node, (list, tuple, set, frozenset)):
            continue
        items += len(node)
        if items > lim.items:
            raise _exceeded(f"the limit of {lim.items:,} elements for a value")
        stack.extend(node)


def _check_repeat(seq: Any, times: Any) -> None:
    if isinstance(seq, (str, bytes, list, tuple)) and isinstance(times, int) and times > 0:
        lim = _limits()
        cap = lim.length if isinstance(seq, (str, bytes)) else lim.items
        if len(seq) * times > cap:
            raise _exceeded(f"the limit of {cap:,} {'characters' if cap == lim.length else 'elements'} "
                            "for a repetition")


def _check_width(what: str, value: Any) -> None:
    lim = _limits()
    if isinstance(value, int) and abs(value) > lim.width:
        raise _exceeded(f"the limit of {lim.width:,} for {what}")


def _check_result_length(what: str, size: int) -> None:
    lim = _limits()
    if size > lim.length:
        raise _exceeded(f"the limit of {lim.length:,} characters for the result of {what}")


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d*))?")


def _check_percent_format(fmt: str) -> None:
    for match in _PERCENT_SPEC.finditer(fmt):
        for group in match.groups():
            if group == "*":
                raise _refused("a * width in % formatting")
            if group:
                _check_width("a width in % formatting", int(group))


def _check_brace_format(fmt: str) -> None:
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # str.format will say what is wrong
    for _, _, spec, _ in fields:
        if not spec:
            continue
        if "{" in spec:
            raise _refused("a nested field in a format specification")
        for digits in re.findall(r"\d+", spec):
            _check_width("a width in a format specification", int(digits))


# -- the environment ---------------------------------------------------------------------------------------------

_LOOP = "ratify loop"  # names no template can write (a space), so no template can shadow them
_SIZED = "ratify sized"


@pass_context
def _loop_filter(context: Any, iterable: Iterable[Any]) -> Iterator[Any]:
    budget = _BUDGET.get()
    if budget is None:
        yield from iterable
        return
    cap = budget.limits.iterations
    for item in iterable:
        budget.iterations += 1
        if budget.iterations > cap:
            raise _exceeded(f"the limit of {cap:,} loop iterations")
        if not budget.iterations & 0x3F:
            budget.tick()
        yield item


@pass_context
def _sized_filter(context: Any, value: Any) -> Any:
    _check_size(value)
    return value


def _bound_tree(node: nodes.Node) -> None:
    """Every `for` iterates through the loop counter; every operand and result of `~` is size-checked."""
    for field, value in node.iter_fields():
        if isinstance(value, nodes.Node):
            _bound_tree(value)
            setattr(node, field, _sized(value))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, nodes.Node):
                    _bound_tree(item)
                    value[i] = _sized(item)
    if isinstance(node, nodes.Concat):
        node.nodes = [_filter(n, _SIZED) for n in node.nodes]
    if isinstance(node, nodes.For):
        node.iter = _filter(node.iter, _LOOP)


def _sized(node: nodes.Node) -> nodes.Node:
    return _filter(node, _SIZED) if isinstance(node, nodes.Concat) else node


def _filter(node: Any, name: str) -> nodes.Filter:
    new = nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)
    new.environment = node.environment
    return new


# what filters may multiply a size, and how to check them before they run (arguments after the value)
def _filter_center(value: Any, width: Any = 80, *_: Any, **__: Any) -> None:
    _check_width("the width of center", width)


def _filter_indent(value: Any, width: Any = 4, *_: Any, **kw: Any) -> None:
    width = kw.get("width", width)
    size = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    _check_width("the width of indent", size)
    text = str(value)
    _check_result_length("indent", len(text) + (text.count("\n") + 1) * size)


def _filter_replace(value: Any, old: Any = "", new: Any = "", *_: Any, **__: Any) -> None:
    text, old, new = str(value), str(old), str(new)
    count = text.count(old) if old else len(text) + 1
    _check_result_length("replace", len(text) + count * max(0, len(new) - len(old)))


def _filter_join(value: Any, d: Any = "", *_: Any, **__: Any) -> None:
    if isinstance(value, (list, tuple)):
        _check_result_length("join", sum(len(str(x)) for x in value) + len(str(d)) * max(0, len(value) - 1))


def _filter_format(value: Any, *_: Any, **__: Any) -> None:
    _check_percent_format(str(value))


def _filter_wordwrap(value: Any, width: Any = 79, break_long_words: Any = True, wrapstring: Any = None,
                     *_: Any, **kw: Any) -> None:
    wrap = kw.get("wrapstring", wrapstring)
    _check_result_length("wordwrap", len(str(value)) * (1 + len(str(wrap or "\n"))))


def _filter_count(what: str) -> Callable[..., None]:
    def check(value: Any, count: Any = 1, *_: Any, **__: Any) -> None:
        _check_width(what, count)

    return check


_FILTER_CHECKS: dict[str, Callable[..., None]] = {
    "center": _filter_center,
    "indent": _filter_indent,
    "replace": _filter_replace,
    "join": _filter_join,
    "format": _filter_format,
    "wordwrap": _filter_wordwrap,
    "list": lambda value, *_, **__: _check_split(value, "list"),
    "batch": _filter_count("the size of a batch"),
    "slice": _filter_count("the number of slices"),
}


def _guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    check = _FILTER_CHECKS.get(name)
    passes = getattr(func, "jinja_pass_arg", None) is not None  # the first argument is a context, not the value

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _tick()
        for arg in (*args, *kwargs.values()):
            _check_size(arg)
        if check is not None:
            check(*args[1 if passes else 0:], **kwargs)
        result = func(*args, **kwargs)
        _check_size(result)
        return result

    return guarded


_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
_SPLIT_METHODS = frozenset({"split", "rsplit", "splitlines"})


def _check_split(value: Any, what: str) -> None:
    """A string cut into a list: refused when it could make more elements than `Limits.items`."""
    lim = _limits()
    if isinstance(value, (str, bytes)) and len(value) > lim.items:
        raise _exceeded(f"the limit of {lim.items:,} elements for the result of {what}")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """jinja2's immutable sandbox with every render bounded in time, output and memory (see the module)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters = {name: _guard_filter(name, f) for name, f in self.filters.items()}
        self.filters[_LOOP] = _loop_filter
        self.filters[_SIZED] = _sized_filter
        finalize = self.finalize

        def checked(value: Any) -> Any:
            _check_size(value)
            return finalize(value) if finalize is not None else value

        self.finalize = checked

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        _bound_tree(tree)
        return tree

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _tick()
        lim = _limits()
        if operator == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1 \
                    and right * (abs(left).bit_length() - 1) > lim.int_bits:
                raise _exceeded(f"the limit of {lim.int_bits:,} bits for a number")
        elif operator == "*":
            if isinstance(left, int) and isinstance(right, int):
                if left.bit_length() + right.bit_length() > lim.int_bits:
                    raise _exceeded(f"the limit of {lim.int_bits:,} bits for a number")
            else:
                _check_repeat(left, right)
                _check_repeat(right, left)
        elif operator == "+":
            if isinstance(left, (str, bytes, list, tuple)) and isinstance(right, (str, bytes, list, tuple)):
                text = isinstance(left, (str, bytes))
                cap = lim.length if text else lim.items
                if len(left) + len(right) > cap:
                    raise _exceeded(f"the limit of {cap:,} {'characters' if text else 'elements'} for a sum")
        elif operator == "%" and isinstance(left, str):
            _check_percent_format(left)
            _check_size(right)
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        _tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _tick()
        return super().getitem(obj, argument)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        _tick()
        for arg in (*args, *kwargs.values()):
            _check_size(arg)
        target = getattr(obj, "__wrapped__", obj)  # str.format comes wrapped by jinja2's sandbox
        owner = getattr(target, "__self__", None)
        name = getattr(target, "__name__", "")
        if isinstance(owner, (str, bytes)):
            if name in _WIDTH_METHODS:
                for arg in (*args, *kwargs.values()):
                    _check_width(f"the width of {name}", arg)
            elif name == "replace" and len(args) >= 2:
                _filter_replace(owner, args[0], args[1])
            elif name == "join" and args:
                items = list(args[0]) if not isinstance(args[0], (list, tuple)) else args[0]
                _check_size(items)
                _filter_join(items, owner)
                args = (items, *args[1:])
            elif name in ("format", "format_map") and isinstance(owner, str):
                _check_brace_format(owner)
            elif name in _SPLIT_METHODS:
                _check_split(owner, name)
            elif name == "translate":
                raise _refused("str.translate")
        elif obj is generate_lorem_ipsum:
            for arg in (*args, *kwargs.values()):
                _check_width("the size of lipsum", arg)
        result = super().call(context, obj, *args, **kwargs)
        _check_size(result)
        return result
