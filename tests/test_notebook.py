"""The example notebook runs from top to bottom (so it never rots), and is kept without outputs."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

import ratify

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("pandas")
pytest.importorskip("matplotlib")

NOTEBOOK = Path(__file__).resolve().parents[1] / "examples" / "almaty-process-tour.ipynb"


def test_notebook_is_kept_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


def test_notebook_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # a kernel on this very interpreter, importing this very ratify (installed, or the source checkout)
    spec = tmp_path / "jupyter" / "kernels" / "ratify-test"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "ratify tests", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    package_root = str(Path(ratify.__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    work = tmp_path / "work"
    work.mkdir()

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name="ratify-test", timeout=600,
                                     resources={"metadata": {"path": str(work)}})
    client.execute()  # raises CellExecutionError, with the cell and its traceback, if any cell fails

    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code)
    kinds = [set().union(*[set(o.get("data", {})) for o in c.outputs]) for c in code]
    assert not any(o.output_type == "error" for c in code for o in c.outputs)
    by_source = {c.source.splitlines()[0]: k for c, k in zip(code, kinds, strict=True)}
    assert "text/html" in by_source['m = cat.matrix(group="almaty-process", instruments=cat.instruments_of(binding=True))']
    assert "image/png" in by_source["m.plot()"]
    assert "text/html" in by_source['gaps = cat.gaps("Uzbekistan", recommended_by="almaty-declaration-2011")']
    assert "text/html" in by_source['changes = cat.changes(since=DECLARATION, group="almaty-process")']
    assert "image/png" in by_source['ratify.present.plots.choropleth(cat, "V-2", group="almaty-process", region="central-asia")']
    assert sum("image/png" in k for k in kinds) >= 5
    printed = "".join(o.get("text", "") for c in code for o in c.outputs if o.output_type == "stream")
    assert printed.startswith("state,state_name,instrument")
