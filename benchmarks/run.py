"""Benchmark ratify against its baselines, side by side in one run, and print medians and ratios.

    python benchmarks/run.py                 # everything (two to three minutes)
    python benchmarks/run.py --quick         # fewer repetitions (about a minute and a half)
    python benchmarks/run.py --xml DIR       # the folder of MTDSG status XML files (default: ../shared/fixtures/untc/xml)

Each row times ratify and its baseline alternately, in the same process or in fresh interpreters
as the row needs, and reports the medians: the machine is noisy, so only ratios of medians
measured together mean anything. Targets are those of the project's performance issue.

Whole processes run the ratify of this interpreter (`python -m ratify`, as installed, or as
PYTHONPATH says) in the environment a user has: bytecode written (PYTHONDONTWRITEBYTECODE is
dropped) and each command run once before it is timed. Their time is the CPU time (user + system)
of the child process, which other work on the machine disturbs less than the wall clock; rows in
process are timed by the wall clock. The baseline of the command-line rows is a country-code
lookup with pycountry (`pip install 'ratify-treaties[bench]'`); without it those rows have no ratio.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import ratify
from ratify.resources import bundled_data
from ratify.untc.importer import import_untc
from ratify.untc.repair import repair_xml

REPO = Path(__file__).resolve().parents[1]
DEFAULT_XML = REPO.parent / "shared" / "fixtures" / "untc" / "xml"
PYCOUNTRY = "import pycountry; pycountry.countries.lookup('Kazakhstan')"
SCALES = (10, 25)  # subsets of the imported folder, besides the whole of it


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


def user_env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: this one, with bytecode written, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **extra}


# a command for one run: its arguments and environment (a function, so that each run can get a fresh folder)
Command = Callable[[], tuple[list[str], dict[str, str]]]


def cpu_of(argv: Sequence[str], env: dict[str, str], cwd: Path) -> float:
    """The CPU time (user + system) of one process running `argv`, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def alternate(commands: dict[str, Command], repeat: int, cwd: Path) -> dict[str, float]:
    """Median CPU time of each command's process, the commands run in turn `repeat` times (after one warm-up)."""
    for command in commands.values():
        cpu_of(*command(), cwd)  # bytecode written, the cache filled: as after the first use
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            times[name].append(cpu_of(*command(), cwd))
    return {name: statistics.median(t) for name, t in times.items()}


def fmt(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


ROWS: list[tuple[str, ...]] = []


def verdict(met: bool | None) -> str:
    return "—" if met is None else "yes" if met else "NO"


def row(what: str, ours: float, base: float | None, base_name: str, target: str,
        limit: float | None = None) -> None:
    """A row: ratify's median against the baseline's; the target is met if ours / base ≤ `limit`."""
    ratio = ours / base if base is not None and base > 0 else None
    met = None if ratio is None or limit is None else ratio <= limit
    ROWS.append((what, fmt(ours), f"{fmt(base)} ({base_name})" if base is not None else base_name,
                 f"{ratio:.2f}×" if ratio is not None else "—", target, verdict(met)))
    print(f"  {what}: {fmt(ours)}" + (f" vs {fmt(base)} → {ratio:.2f}×" if base and ratio is not None else ""),
          file=sys.stderr)


def bench_processes(repeat: int, work: Path) -> None:
    """The command-line rows: whole processes, each against the pycountry lookup, and `import ratify`."""
    python = sys.executable
    has_pycountry = importlib.util.find_spec("pycountry") is not None
    cold = iter(range(10**6))

    def fixed(*argv: str) -> Command:
        return lambda: ([python, *argv], user_env())

    def status_cold() -> tuple[list[str], dict[str, str]]:
        folder = work / f"cold-cache-{next(cold)}"  # a new, empty cache: the first run after install
        return [python, "-m", "ratify", "status", "KAZ", "V-2"], user_env(RATIFY_CACHE_DIR=str(folder))

    commands: dict[str, Command] = {
        "pass": fixed("-c", "pass"),
        "import ratify": fixed("-c", "import ratify"),
        "status": fixed("-m", "ratify", "status", "KAZ", "V-2"),
        "status cold": status_cold,
        "status ru": fixed("-m", "ratify", "status", "KAZ", "V-2", "--lang", "ru"),
        "brief": fixed("-m", "ratify", "brief", "KAZ", "-o", str(work / "x.html")),
        # the floors: importing what a command cannot do without, and nothing else
        "floor status": fixed("-c", "import argparse, datetime, enum, gettext, hashlib, json, pathlib, typing"),
        "floor model": fixed("-c", "import attrs, cattrs"),
        "floor documents": fixed("-c", "import attrs, cattrs, jinja2, babel.dates"),
        "floor documents dated": fixed("-c", "import datetime, attrs, cattrs, jinja2, babel.dates; babel.dates."
                                             "format_date(datetime.date(1999, 1, 15), 'long', locale='en_GB')"),
    }
    if has_pycountry:
        commands["pycountry"] = fixed("-c", PYCOUNTRY)
    else:
        print("pycountry is not installed (pip install 'ratify-treaties[bench]'): the rows against the "
              "country-code lookup have no ratio", file=sys.stderr)
    t = alternate(commands, repeat, work)
    base, base_name = (t["pycountry"], "pycountry lookup process") if has_pycountry else \
        (None, "pycountry not installed")
    row("`import ratify`", t["import ratify"], t["pass"], "`python -c pass`", "≤ 2.5×", 2.5)
    row("`ratify status KAZ V-2`, whole process, cache warm", t["status"], base, base_name, "≤ 1.0×", 1.0)
    row("`ratify status KAZ V-2`, whole process, cache empty (first run)", t["status cold"], base, base_name,
        "≤ 2×", 2.0)
    row("`ratify status KAZ V-2 --lang ru`, whole process, cache warm", t["status ru"], base, base_name, "—")
    row("`ratify brief KAZ -o x.html`, whole process", t["brief"], base, base_name, "≤ 2×", 2.0)
    row("floor: the standard library `status` needs (argparse, datetime, enum, gettext, hashlib, json, pathlib, "
        "typing)", t["floor status"], base, base_name, "— (under `status`)")
    row("floor: `python -c 'import attrs, cattrs'` (the model's libraries, nothing else)", t["floor model"], base,
        base_name, "— (under every command but `status`)")
    row("floor: `python -c 'import attrs, cattrs, jinja2, babel.dates'` (a document's libraries)",
        t["floor documents"], base, base_name, "— (under every document)")
    row("floor: the same, and one date in British English by Babel (its locale data loaded)",
        t["floor documents dated"], base, base_name, "— (under every English document)")


@contextlib.contextmanager
def cold_load() -> Iterator[None]:
    """`ratify.load()` with the user's cache off. A folder whose bytes are the bundled data's is still
    served from the snapshot installed with ratify: time a `fresh_copy` for a load that parses every file."""
    before = os.environ.get("RATIFY_CACHE")
    os.environ["RATIFY_CACHE"] = "0"
    try:
        yield
    finally:
        if before is None:
            del os.environ["RATIFY_CACHE"]
        else:
            os.environ["RATIFY_CACHE"] = before


def load_cold(folder: Path) -> ratify.Catalog:
    with cold_load():
        return ratify.load(folder)


def fresh_copy(folder: Path, work: Path) -> Path:
    """A copy of `folder` with one byte more (a comment): no snapshot can serve it, every file is parsed."""
    copy = work / f"fresh-{folder.name}-{time.perf_counter_ns()}"
    shutil.copytree(folder, copy)
    with open(copy / "states.toml", "a", encoding="utf-8") as fh:
        fh.write("\n# a folder never read before\n")
    return copy


def bench_load(folder: Path, what: str, repeat: int, work: Path, *, target: bool = True) -> None:
    """Load time of `folder` read afresh (every file parsed, validated, compiled) against tomllib's parse of its
    files; then served from its snapshot (installed with ratify for the bundled data, else kept in the user's
    cache by the first load) against read afresh."""
    fresh = fresh_copy(folder, work)
    files = sorted(fresh.rglob("*.toml"))

    def parse_only() -> None:
        for f in files:
            tomllib.loads(f.read_text(encoding="utf-8"))

    cold, base = paired(lambda: load_cold(fresh), parse_only, repeat)
    row(f"`ratify.load()` of {what}, cold (every file parsed)", cold, base, "tomllib parse of the same files",
        "≤ 1.5×" if target else "— (the issue's target is for the bundled data)", 1.5 if target else None)
    ratify.load(folder)  # for a folder of one's own, the first load keeps its snapshot in the cache
    warm, cold = paired(lambda: ratify.load(folder), lambda: load_cold(fresh), repeat)
    row(f"`ratify.load()` of {what}, warm (its snapshot) vs cold", warm, cold, "the cold load",
        "≤ 0.33× (≥ 3× faster)", 1 / 3)
    shutil.rmtree(fresh)


def build_full_catalog(xml_dir: Path, work: Path, repeat: int) -> Path:
    """The folder of every XML file imported (the last of the timed imports)."""
    files = sorted(xml_dir.glob("*.xml"))
    repaired = [repair_xml(f.read_bytes()) for f in files]
    made: list[Path] = []

    def et_only() -> None:
        for data in repaired:
            ET.fromstring(data)

    def one_import() -> None:
        made.append(work / f"import-{len(made)}")
        import_untc(files, made[-1], as_of=None)

    ours, base = paired(one_import, et_only, repeat)
    row(f"`import-untc` of all {len(files)} XML files into an empty folder", ours, base,
        "ElementTree parse of the repaired bytes", "≤ 4×", 4.0)
    for old in made[:-1]:
        shutil.rmtree(old)
    return made[-1]


def bench_queries(folder: Path) -> None:
    cat = ratify.load(folder)
    n_states, n_inst = len(cat.states), len(cat.instruments)
    firsts = []
    for _ in range(3):  # a catalogue just served from its snapshot has made no record yet: the matrix makes them all
        fresh = ratify.load(folder)
        start = time.perf_counter()
        fresh.matrix()
        firsts.append(time.perf_counter() - start)
    t = statistics.median(firsts)
    what = f"matrix of every state × every instrument ({n_states} × {n_inst})"
    ROWS.append((f"{what}, the first of a catalogue served from its snapshot", fmt(t), "—", "—", "< 0.5 s",
                 verdict(t < 0.5)))
    print(f"  matrix, first: {fmt(t)}", file=sys.stderr)
    cat.matrix()
    t = median_time(lambda: cat.matrix(), 5)
    ROWS.append((f"{what}, again", fmt(t), "—", "—", "< 0.5 s", verdict(t < 0.5)))
    print(f"  matrix: {fmt(t)}", file=sys.stderr)
    kaz, v2 = cat.state("KAZ"), cat.instrument("V-2")
    n = 20000
    t = median_time(lambda: [cat.status(kaz, v2) for _ in range(n)], 5) / n
    row("one status lookup (objects)", t, None, "—", "microseconds")
    t = median_time(lambda: [cat.status("Kazakhstan", "V-2") for _ in range(n)], 5) / n
    row("one status lookup (names)", t, None, "—", "microseconds")


def bench_briefs() -> None:
    cat = ratify.load()
    states = cat.group("almaty-process").states

    def all_briefs() -> None:
        for s in states:
            for lang in ("en", "ru"):
                ratify.render_brief(cat, s, lang=lang, fmt="html")

    all_briefs()  # templates compiled once per process, as in a long-running tool
    t = median_time(all_briefs, 3)
    ROWS.append((f"{len(states) * 2} Almaty Process briefs (HTML, en + ru), in process", fmt(t), "—", "—", "< 2 s",
                 verdict(t < 2)))
    print(f"  briefs: {fmt(t)}", file=sys.stderr)


def bench_memory(folder: Path) -> None:
    """Peak RSS of a process that loads `folder` (parsing every file) and builds the whole matrix."""
    code = (f"import resource, ratify; ratify.load({str(folder)!r}).matrix(); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                         env=user_env(RATIFY_CACHE="0")).stdout
    mb = int(out.strip()) / 1024
    n = len(list((folder / "instruments").glob("*.toml")))
    ROWS.append((f"peak RSS loading the {n}-instrument folder and building its matrix", f"{mb:.0f} MB", "—", "—",
                 "< 150 MB", verdict(mb < 150)))
    print(f"  memory: {mb:.0f} MB", file=sys.stderr)


def subset(folder: Path, n: int, work: Path) -> Path:
    """A folder of the first `n` instruments of `folder` (by file name), with all its states and groups."""
    sub = work / f"scale-{n}"
    (sub / "instruments").mkdir(parents=True)
    for name in ("states.toml", "groups.toml"):
        shutil.copy(folder / name, sub / name)
    for f in sorted((folder / "instruments").glob("*.toml"))[:n]:
        shutil.copy(f, sub / "instruments" / f.name)
    return sub


def bench_scaling(folder: Path, work: Path, repeat: int) -> None:
    """Load (cold), matrix and one brief (KAZ, HTML) per instrument at 10, 25 and every instrument: flat?"""
    n_all = len(list((folder / "instruments").glob("*.toml")))
    first: tuple[float, float, float] | None = None
    for n in (*SCALES, n_all):
        sub = folder if n == n_all else subset(folder, n, work)
        t_load = median_time(lambda: load_cold(sub), repeat)  # noqa: B023 (used at once, in this turn)
        cat = ratify.load(sub)
        t_matrix = median_time(cat.matrix, repeat)
        ratify.render_brief(cat, "KAZ", fmt="html")  # templates compiled once per process
        t_brief = median_time(lambda: ratify.render_brief(cat, "KAZ", fmt="html"), repeat)  # noqa: B023
        per = (t_load / n, t_matrix / n, t_brief / n)
        first = first or per
        growth = [p / f for p, f in zip(per, first, strict=True)]
        ROWS.append((f"per instrument, {n} instruments: load (cold), matrix, KAZ brief",
                     f"{fmt(t_load)}, {fmt(t_matrix)}, {fmt(t_brief)}",
                     " ".join(f"{p * 1e3:.2f}" for p in per) + " ms per instrument",
                     " ".join(f"{g:.2f}×" for g in growth) + f" the cost at {SCALES[0]}",
                     "flat (≤ 1.5×)", verdict(max(growth) <= 1.5)))
        print(f"  scaling {n}: load {fmt(t_load)}, matrix {fmt(t_matrix)}, brief {fmt(t_brief)}", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--xml", type=Path, default=DEFAULT_XML, help="folder of MTDSG status XML files")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    print(f"ratify {ratify.__version__} ({Path(ratify.__file__).parent}), Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="ratify-bench-") as tmp:
        work = Path(tmp)
        os.environ["RATIFY_CACHE_DIR"] = str(work / "cache")  # a cache of its own, empty at the start
        bench_processes(repeat, work)
        bench_load(bundled_data(), "the bundled data", repeat, work)
        bench_briefs()
        if args.xml.is_dir():
            folder = build_full_catalog(args.xml, work, 1 if args.quick else 3)
            n = len(list((folder / "instruments").glob("*.toml")))
            bench_load(folder, f"the {n}-instrument folder", 3, work, target=False)
            bench_queries(folder)
            bench_memory(folder)
            bench_scaling(folder, work, 3)
        else:
            print(f"no XML folder at {args.xml}: the rows over the 407 depositary files are skipped", file=sys.stderr)
            bench_queries(bundled_data())
    headers = ("what", "ratify (median)", "baseline (median)", "ratio", "target", "met")
    widths = [max(len(h), *(len(r[i]) for r in ROWS)) for i, h in enumerate(headers)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"
    print(line)
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in ROWS:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
