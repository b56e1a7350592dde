#!/usr/bin/env python3
"""Nightly-size fuzzing of every reader: mutated depositary files and data folders, each read in a
child process with a time limit; reports every traceback and every hang.

The CI tests (tests/untc/test_untc_fuzz.py, tests/test_data_fuzz.py) run a few hundred bounded
examples; this runs as many as asked (1,000 by default) over every seed file it finds:

  * depositary files: sources/untc, plus <repo>/../shared/fixtures/untc when present (407 XML,
    18 HTML pages, 10 CSVs), or any folder given with --corpus. Each mutated file is read
    (ratify.untc.read_status) and imported with --dry-run into a new folder (import_untc).
  * data folders: the bundled data (the register and a few instruments), one TOML file mutated;
    the folder is loaded (ratify.load) and validated.

Mutations are seeded (--seed), so a run can be repeated: byte edits (delete, insert, replace,
truncate, duplicate a chunk) and splices of the inputs that once broke a reader (20,000 spaces
after a "<", unclosed "<!--", nested parts of a page, counts of thousands of digits, impossible
dates, path-like chapter headings, rule counts out of range, dates at the end of the calendar,
arrays nested thousands deep).

A RatifyError is the expected refusal; any other exception is a traceback, and a job that takes
longer than --timeout seconds (10) is a hang. The inputs behind each are kept in --keep DIR.
Exit status 0 when there is neither, 1 otherwise.

Usage: python scripts/fuzz.py [--count 1000] [--seed 1] [--jobs 2] [--timeout 10] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SUFFIXES = (".xml", ".html", ".htm", ".csv")
DATA_FILES = ("instruments/refugees-1951.toml", "instruments/stateless-persons-1954.toml",
              "instruments/trafficking-protocol-2000.toml", "instruments/untoc-2000.toml",
              "states.toml", "groups.toml")

NASTY = [b"<", b">", b"&", b"&#0;", b"&lt;", b"]]>", b"<!DOCTYPE x>", b"[", b"]", b"\x00", b"\x1c", b"\r",
         b"\x93", b"\xff", b'"', b","]
HOSTILE_UNTC = [
    b"&lt;" + b" " * 20_000 + b"x", b"<" + b" " * 20_000, b"1 Jan 2000" + b" " * 20_000 + b"!",
    b"<!--" * 5_000, b"<a" * 5_000, b"</" * 5_000, b"<?" * 5_000, b"<form " * 2_000,
    b'<div id="a_rptHead_ctl00_tcHead">' * 5_000, b'<table id="a_tblDec">' * 100,
    b"<tr><td>A</td><td>1 Jan 2000</td></tr>" * 6_000, b"<a>" * 2_000, b"9" * 5_000,
    b"Parties : " + b"9" * 5_000, b"31 February 2000", b"[31 Feb 2000]", b"CHAPTER /etc/passwd",
    b"../../", b"V-" + b"1" * 5_000, b"<superscript>1</superscript>", b"&lt;right&gt;" * 1_000,
]
HOSTILE_TOML = [
    b"count = 999999999", b"count = -1000000", b"consent = 9999-12-31", b"signature = 0001-01-01",
    b"x = " + b"[" * 5_000 + b"]" * 5_000, b"y = " + b"{a=" * 3_000 + b"1" + b"}" * 3_000,
    b"n = " + b"9" * 5_000, b'name = "\\u0000\\u000b"', b'kind = "days_after"', b"[[participants]]",
    b'state = "../../x"', b'id = "/etc/passwd"', b"entry_into_force = 9999-12-31",
]


# -- the child: runs one job at a time, answers one JSON line per job ---------------------------------


def worker() -> None:
    """Read jobs from stdin, one JSON object a line; answer each with its outcome."""
    import traceback

    import ratify
    from ratify.errors import RatifyError
    from ratify.store.read import validate
    from ratify.untc import read_status
    from ratify.untc.importer import import_untc

    for line in sys.stdin:
        job = json.loads(line)
        start = time.perf_counter()
        try:
            if job["kind"] == "untc":
                read_status(job["path"])
                with tempfile.TemporaryDirectory() as folder:
                    import_untc([job["path"]], Path(folder) / "data", dry_run=True)
            else:
                validate(job["path"])
                ratify.load(job["path"])
            outcome, detail = "ok", ""
        except RatifyError as exc:
            outcome, detail = "refused", str(exc)[:200]
        except BaseException:  # noqa: BLE001 - this is what the fuzzer looks for
            outcome, detail = "traceback", traceback.format_exc(limit=-4)
        answer = {"outcome": outcome, "detail": detail, "seconds": time.perf_counter() - start}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


class Child:
    """A worker process and the job it is running."""

    def __init__(self) -> None:
        env = dict(os.environ, PYTHONPATH=str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""),
                   RATIFY_CACHE="0")
        self.process = subprocess.Popen([sys.executable, __file__, "--worker"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, env=env, text=True, bufsize=1)
        assert self.process.stdout is not None
        self.stdout = self.process.stdout
        self.job: dict[str, str] | None = None
        self.started = 0.0

    def send(self, job: dict[str, str]) -> None:
        assert self.process.stdin is not None
        self.job, self.started = job, time.monotonic()
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()


# -- mutations -------------------------------------------------------------------------------------


def mutate(data: bytes, rng: random.Random, hostile: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        where = rng.randint(0, len(out))
        kind = rng.choice(["delete", "insert", "replace", "truncate", "duplicate", "hostile", "hostile"])
        if kind == "delete":
            del out[where : where + rng.randint(1, 400)]
        elif kind == "insert":
            out[where:where] = rng.choice(NASTY) if rng.random() < 0.7 else rng.randbytes(rng.randint(1, 12))
        elif kind == "replace" and where < len(out):
            out[where] = rng.randint(0, 255)
        elif kind == "truncate" and rng.random() < 0.3:
            del out[where:]
        elif kind == "duplicate":
            out[where:where] = out[where : where + rng.randint(1, 2000)]
        elif kind == "hostile":
            # at a line start for TOML (a new key), anywhere for depositary files
            if hostile is HOSTILE_TOML:
                where = out.rfind(b"\n", 0, where) + 1
                out[where:where] = rng.choice(hostile) + b"\n"
            else:
                out[where:where] = rng.choice(hostile)
    return bytes(out)


def seeds(corpora: list[Path]) -> list[Path]:
    found = []
    for corpus in corpora:
        if corpus.is_dir():
            found += sorted(p for p in corpus.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
    return found


def make_jobs(count: int, rng: random.Random, seed_files: list[Path], work: Path) -> list[dict[str, str]]:
    """Write ``count`` mutated inputs under ``work``; about a third are data folders."""
    from ratify.resources import bundled_data

    bundle = bundled_data()
    jobs = []
    for i in range(count):
        if seed_files and i % 3:
            seed = rng.choice(seed_files)
            name = seed.name if rng.random() < 0.8 else f"mutant-{i}{seed.suffix}"
            path = work / f"untc-{i:05d}" / name
            path.parent.mkdir()
            path.write_bytes(mutate(seed.read_bytes(), rng, HOSTILE_UNTC))
            jobs.append({"kind": "untc", "path": str(path), "seed": str(seed)})
        else:
            folder = work / f"data-{i:05d}"
            for rel in DATA_FILES:
                (folder / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(bundle / rel, folder / rel)
            rel = rng.choice(DATA_FILES)
            (folder / rel).write_bytes(mutate((folder / rel).read_bytes(), rng, HOSTILE_TOML))
            jobs.append({"kind": "data", "path": str(folder), "seed": rel})
    return jobs


# -- the run ---------------------------------------------------------------------------------------


def run(jobs: list[dict[str, str]], workers: int, timeout: float, keep: Path | None) -> int:
    pending = list(reversed(jobs))
    children = [Child() for _ in range(max(1, workers))]
    tally: Counter[tuple[str, str]] = Counter()
    bad: list[tuple[str, dict[str, str], str]] = []
    slowest = (0.0, "")
    done = 0
    started = time.monotonic()
    for child in children:
        if pending:
            child.send(pending.pop())
    while any(child.job is not None for child in children):
        busy = {child.stdout: child for child in children if child.job is not None}
        ready, _, _ = select.select(list(busy), [], [], 0.5)
        for stream in ready:
            child = busy[stream]
            line = stream.readline()
            job = child.job
            assert job is not None
            if not line:  # the child died (a crash of the interpreter itself)
                bad.append(("crash", job, f"worker exited with {child.process.wait()}"))
                tally[(job["kind"], "crash")] += 1
                children[children.index(child)] = child = Child()
            else:
                answer = json.loads(line)
                tally[(job["kind"], answer["outcome"])] += 1
                if answer["seconds"] > slowest[0]:
                    slowest = (answer["seconds"], job["path"])
                if answer["outcome"] == "traceback":
                    bad.append(("traceback", job, answer["detail"]))
            child.job = None
            done += 1
            if pending:
                child.send(pending.pop())
        now = time.monotonic()
        for i, child in enumerate(children):
            if child.job is not None and now - child.started > timeout:
                job = child.job
                bad.append(("hang", job, f"no answer after {timeout:g} s"))
                tally[(job["kind"], "hang")] += 1
                child.kill()
                children[i] = replacement = Child()
                done += 1
                if pending:
                    replacement.send(pending.pop())
        if done and done % 100 == 0 and ready:
            print(f"  {done}/{len(jobs)} in {time.monotonic() - started:.0f} s", file=sys.stderr)
    for child in children:
        child.process.stdin.close()  # type: ignore[union-attr]
        child.process.wait()
    elapsed = time.monotonic() - started
    for what, job, detail in bad:
        print(f"{what.upper()}: {job['path']} (from {job['seed']})\n{detail}")
        if keep is not None:
            target = keep / Path(job["path"]).parent.name
            if Path(job["path"]).is_dir():
                shutil.copytree(job["path"], target, dirs_exist_ok=True)
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy(job["path"], target)
    kinds = sorted({kind for kind, _ in tally})
    print(f"{len(jobs)} mutated inputs in {elapsed:.0f} s; slowest job {slowest[0]:.2f} s ({slowest[1]})")
    for kind in kinds:
        parts = ", ".join(f"{n} {outcome}" for (k, outcome), n in sorted(tally.items()) if k == kind)
        print(f"  {'depositary files' if kind == 'untc' else 'data folders'}: {parts}")
    tracebacks = sum(1 for what, _, _ in bad if what in ("traceback", "crash"))
    hangs = sum(1 for what, _, _ in bad if what == "hang")
    print(f"{tracebacks} tracebacks, {hangs} hangs over {timeout:g} s")
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="how many mutated inputs (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (default 1)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before a job is a hang (default 10)")
    parser.add_argument("--corpus", type=Path, action="append", default=[],
                        help="a folder of depositary files to mutate (repeatable); default: sources/untc and "
                             "the shared fixtures beside the repository, when present")
    parser.add_argument("--keep", type=Path, help="copy the inputs behind tracebacks and hangs here")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker()
        return 0
    sys.path.insert(0, str(REPO / "src"))
    corpora = args.corpus or [REPO / "sources" / "untc", REPO.parent / "shared" / "fixtures" / "untc"]
    seed_files = seeds(corpora)
    print(f"{len(seed_files)} seed files from {', '.join(str(c) for c in corpora if c.is_dir())}", file=sys.stderr)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="ratify-fuzz-") as work:
        jobs = make_jobs(args.count, rng, seed_files, Path(work))
        return run(jobs, args.jobs, args.timeout, args.keep)


if __name__ == "__main__":
    sys.exit(main())
