"""The public API: every name of `ratify.__all__` resolves, lazily, to the object its module defines,
and every public class or function of the layers that callers use is reachable from `ratify`."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import ratify

# what other tools and the design card rely on
DESIGN_CARD = ["load", "validate", "Catalog", "Instrument", "State", "Participation", "Status", "ConsentKind",
               "Gap", "GapKind", "Matrix", "render_brief", "render_report", "RatifyError", "UnknownNameError",
               "DataError", "Severity", "Procedure", "ProcedureKind", "ProcedureStatus", "update", "DataOrigin"]


@pytest.mark.parametrize("name", sorted(ratify.__all__))
def test_every_public_name_resolves(name: str) -> None:
    value = getattr(ratify, name)
    assert value is not None
    module = getattr(value, "__module__", None)
    if module and module.startswith("ratify.") and not isinstance(value, type(ratify)):
        assert getattr(importlib.import_module(module), getattr(value, "__name__", name), value) is value


def test_the_design_cards_names_are_public() -> None:
    assert set(DESIGN_CARD) <= set(ratify.__all__)
    assert sorted(set(ratify.__all__)) == sorted(ratify.__all__)  # no name twice


def test_every_exception_lives_in_the_one_exception_module() -> None:
    errors = [n for n in ratify.__all__ if n.endswith("Error")]
    assert errors and all(getattr(ratify, n).__module__ == "ratify.errors" for n in errors)
    assert all(issubclass(getattr(ratify, n), ratify.RatifyError) for n in errors)


def test_import_ratify_loads_no_submodule() -> None:
    """`import ratify` stays as cheap as the interpreter: nothing is imported until a name is used."""
    code = "import sys, ratify; print(sorted(m for m in sys.modules if m.startswith('ratify')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['ratify']"


def test_a_renamed_public_name_still_answers_with_a_warning() -> None:
    """`StatusChange` is now `StatusTransition` (a "change" is only an event of `Catalog.changes()`)."""
    assert "StatusChange" not in ratify.__all__ and "StatusTransition" in ratify.__all__
    with pytest.warns(DeprecationWarning, match="StatusTransition"):
        assert ratify.StatusChange is ratify.StatusTransition
