"""Benchmark ratify against its baselines, side by side in one run, and print medians and ratios.

    python benchmarks/run.py                 # everything (about two minutes)
    python benchmarks/run.py --quick         # fewer repetitions
    python benchmarks/run.py --xml DIR       # the folder of MTDSG status XML files (default: ../shared/fixtures/untc/xml)

Each row times ratify and its baseline alternately, in the same process or in fresh interpreters
as the row needs, and reports the medians: the machine is noisy, so only ratios of medians
measured together mean anything. Targets are those of the project's performance issue.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import ratify
from ratify.resources import bundled_data
from ratify.untc.importer import import_untc
from ratify.untc.repair import repair_xml

REPO = Path(__file__).resolve().parents[1]
DEFAULT_XML = REPO.parent / "shared" / "fixtures" / "untc" / "xml"


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def paired(a: Callable[[], object], b: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Medians of a and b, run alternately so that both see the same machine."""
    ta, tb = [], []
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        a()
        ta.append(time.perf_counter() - t)
        gc.collect()
        t = time.perf_counter()
        b()
        tb.append(time.perf_counter() - t)
    return statistics.median(ta), statistics.median(tb)


def run_python(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def fmt(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


ROWS: list[tuple[str, str, str, str, str]] = []


def row(what: str, ours: float, base: float | None, base_name: str, target: str) -> None:
    ratio = f"{ours / base:.2f}×" if base else "—"
    ROWS.append((what, fmt(ours), f"{fmt(base)} ({base_name})" if base else base_name, ratio, target))
    print(f"  {what}: {fmt(ours)}" + (f" vs {fmt(base)} → {ratio}" if base else ""), file=sys.stderr)


def bench_import(repeat: int) -> None:
    run_python("import ratify")  # warm the bytecode cache, as an installed package has it
    ours, base = paired(lambda: run_python("import ratify"), lambda: run_python("import attrs"), repeat)
    row("`import ratify`", ours, base, "`import attrs`", "≤ 2.5×")


@contextlib.contextmanager
def cache_off() -> Iterator[None]:
    os.environ["RATIFY_CACHE"] = "0"
    try:
        yield
    finally:
        del os.environ["RATIFY_CACHE"]


def bench_load(folder: Path, what: str, repeat: int) -> None:
    """Load time of `folder` without the cache and with it warm, each against tomllib's parse of its files."""
    files = sorted(folder.rglob("*.toml"))

    def parse_only() -> None:
        for f in files:
            tomllib.loads(f.read_text(encoding="utf-8"))

    with cache_off():
        cold, base = paired(lambda: ratify.load(folder), parse_only, repeat)
    row(f"`ratify.load()` of {what}, no cache", cold, base, "tomllib parse of the same files", "≤ 3×")
    ratify.load(folder)  # fills the cache (authenticated entries: each is checked before it is used)
    warm, base = paired(lambda: ratify.load(folder), parse_only, repeat)
    row(f"`ratify.load()` of {what}, cache warm", warm, base, "tomllib parse of the same files", "≤ 3×")
    row(f"`ratify.load()` of {what}, cache warm vs no cache", warm, cold, "the load without cache above",
        "≤ 0.33× (3× faster)")


def build_full_catalog(xml_dir: Path, work: Path, repeat: int) -> Path:
    files = sorted(xml_dir.glob("*.xml"))
    repaired = [repair_xml(f.read_bytes()) for f in files]

    def et_only() -> None:
        for data in repaired:
            ET.fromstring(data)

    def one_import() -> None:
        import_untc(files, work / f"import-{time.perf_counter_ns()}", as_of=None)

    ours, base = paired(one_import, et_only, repeat)
    row(f"`import-untc` of all {len(files)} XML files into an empty folder", ours, base,
        "ElementTree parse of the repaired bytes", "≤ 4×")
    final = work / "all"
    import_untc(files, final, as_of=None)
    return final


def bench_queries(folder: Path) -> None:
    cat = ratify.load(folder)
    n_states, n_inst = len(cat.states), len(cat.instruments)
    t = median_time(lambda: cat.matrix(), 5)
    row(f"matrix of every state × every instrument ({n_states} × {n_inst})", t, None, "—", "< 1 s")
    kaz, v2 = cat.state("KAZ"), cat.instrument("V-2")
    n = 20000
    t = median_time(lambda: [cat.status(kaz, v2) for _ in range(n)], 5) / n
    row("one status lookup (objects)", t, None, "—", "microseconds")
    t = median_time(lambda: [cat.status("Kazakhstan", "V-2") for _ in range(n)], 5) / n
    row("one status lookup (names)", t, None, "—", "microseconds")


def bench_briefs() -> None:
    render = getattr(ratify, "render_brief", None)
    if render is None:
        row("22 Almaty Process briefs", 0.0, None, "render_brief not available", "< 2 s")
        return
    cat = ratify.load()
    states = cat.group("almaty-process").states

    def all_briefs() -> None:
        for s in states:
            for lang in ("en", "ru"):
                render(cat, s, lang=lang, fmt="html")

    all_briefs()  # templates compiled once per process, as in a long-running tool
    t = median_time(all_briefs, 3)
    row(f"{len(states) * 2} Almaty Process briefs (HTML, en + ru)", t, None, "—", "< 2 s")


def bench_memory(folder: Path) -> None:
    code = (f"import resource, ratify; ratify.load({str(folder)!r}); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                         env={**os.environ, "RATIFY_CACHE": "0"}).stdout  # parsing, the costlier way
    mb = int(out.strip()) / 1024
    ROWS.append((f"peak RSS loading the {len(list((folder / 'instruments').glob('*.toml')))}-instrument catalogue",
                 f"{mb:.0f} MB", "—", "—", "< 200 MB"))
    print(f"  memory: {mb:.0f} MB", file=sys.stderr)


def bench_scaling(folder: Path, work: Path) -> None:
    """Load (no cache) and matrix time for 10, 100 and all instruments: the cost per instrument should stay flat."""
    files = sorted((folder / "instruments").glob("*.toml"))
    for chosen in (files[:10], files[:100], files):
        sub = work / f"scale-{len(chosen)}"
        (sub / "instruments").mkdir(parents=True)
        for name in ("states.toml", "groups.toml"):
            shutil.copy(folder / name, sub / name)
        for f in chosen:
            shutil.copy(f, sub / "instruments" / f.name)
        with cache_off():
            t_load = median_time(lambda sub=sub: ratify.load(sub), 3)
            cat = ratify.load(sub)
        t_matrix = median_time(cat.matrix, 3)
        n = len(chosen)
        ROWS.append((f"scaling: {n} instruments", f"load {fmt(t_load)}", f"matrix {fmt(t_matrix)}",
                     f"{t_load / n * 1e3:.2f} ms load, {t_matrix / n * 1e3:.2f} ms matrix per instrument",
                     "flat per instrument"))
        print(f"  scaling {n}: load {fmt(t_load)}, matrix {fmt(t_matrix)}", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--xml", type=Path, default=DEFAULT_XML, help="folder of MTDSG status XML files")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    print(f"ratify {ratify.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs", file=sys.stderr)
    bench_import(repeat * 2)
    with tempfile.TemporaryDirectory(prefix="ratify-bench-") as tmp:
        work = Path(tmp)
        os.environ["RATIFY_CACHE_DIR"] = str(work / "cache")  # a cache of its own, empty at the start
        bench_load(bundled_data(), "the bundled data", repeat)
        bench_briefs()
        if args.xml.is_dir():
            folder = build_full_catalog(args.xml, work, 3 if args.quick else 5)
            bench_load(folder, f"the {len(list((folder / 'instruments').glob('*.toml')))}-instrument folder", 3)
            bench_queries(folder)
            bench_memory(folder)
            bench_scaling(folder, work)
        else:
            print(f"no XML folder at {args.xml}: the rows over the 407 depositary files are skipped", file=sys.stderr)
            bench_queries(bundled_data())
    headers = ("what", "ratify (median)", "baseline (median)", "ratio", "target")
    widths = [max(len(h), *(len(r[i]) for r in ROWS)) for i, h in enumerate(headers)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"
    print(line)
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in ROWS:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
