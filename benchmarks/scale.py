"""Scale benchmarks: what each command costs as the ledger grows, on both backends.

    python benchmarks/scale.py [--pairs N] [--pg-rows N] [--only PART ...]
        [--pg URL]

Parts (all by default):

- `ledger`: the shipped registry's reading commands on 5,000,000-row ledgers against the
  same on the 10,000-row one, paired as in run.py (medians, min-max, ratios, peaks): a
  shared ledger of 500 plans whose shipped plan's rows are the 10,000 (the ledger grows,
  what is shown does not), and one plan's 5,000,000 revisions (what is shown grows too).
- `postgres`: the same ledger of `--pg-rows` rows (default 1,000,000) in SQLite and,
  copied by `db copy`, in PostgreSQL: `status`, `status --agency`, `submit` paired across
  the backends, as they are and again with psycopg imported first on both sides (the
  driver's import shown apart), `db verify` and `db copy` both ways timed once each.
  With `--pg-schema`, a schema that holds that ledger already (copied before) is used
  as it is and the copies are not timed: the SQLite side is a copy of the source file.
- `province`: a registry of 3,000 units x 20 tasks and a ledger of 1,000,000 submissions
  over 200,000 deliverables: `status`, `report`, `bulletin --preview`, `history --agency`.
- `concurrency`: 1/4/16/32/64 liaisons submitting at once (whole `disclose submit`
  processes), on SQLite and PostgreSQL: submits per second, the slowest, errors.

The PostgreSQL server is `--pg` (default: the local one of the test suite); each run makes
schemas of its own there and drops them afterwards (but not `--pg-schema`'s, which keeps
the rows the benchmark's submits add). Each part prints the load average as it starts
and ends.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import run  # noqa: E402
from run import DATA, DISCLOSE, Figure, Run, base_env, paired, run_once  # noqa: E402

PG = "postgresql://postgres@127.0.0.1:5432/test"
# `disclose` with psycopg imported before it starts, so that a SQLite run pays the driver's
# import too and a pair compares what each backend does beyond it
PRELOADED = [run.PYTHON, "-c", "import sys, psycopg; from qth_disclosure.cli import main; "
             "sys.argv[0] = 'disclose'; main()"]
AS_OF = "2015-09-10"


def schema_url(server: str, schema: str) -> str:
    return f"{server}?options={quote(f'-csearch_path={schema}')}"


def psql(server: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql)


def env_at(location: str, registry: Path | None = None) -> dict[str, str]:
    """run.base_env for a location that may be a URL."""
    return {**base_env(Path(), registry), "DISCLOSE_DB": location}


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    return time.perf_counter() - start, done


def row(f: Figure) -> str:
    """One figure as a Markdown table row."""
    peak = max(r.peak_kib for r in f.a) / 1024
    shown = f"{peak:.1f} MiB" if peak else "-"
    return (f"| {f.name} | {f.target} | {run.fmt_runs(f.a)} | {run.fmt_runs(f.b)} | "
            f"{f.ratio:.2f} | {shown} |")


def cpu_row(f: Figure) -> str:
    """The same figure by the CPU time each process and its children used (user + system):
    what a loaded machine's wall times hide. A PostgreSQL side's excludes the server's."""
    a, b = (statistics.median(r.cpu_seconds for r in runs) * 1000 for runs in (f.a, f.b))
    ratio = statistics.median(x.cpu_seconds / y.cpu_seconds
                              for x, y in zip(f.a, f.b, strict=True))
    return f"| {f.name} | {a:.1f} ms | {b:.1f} ms | {ratio:.2f} |"


class Shown(list[Figure]):
    """Figures, each printed as it is measured (a long run shows its progress)."""

    def append(self, f: Figure) -> None:
        print(row(f), flush=True)
        super().append(f)


def ledger_part(pairs: int, scratch: Path) -> list[Figure]:
    small = base_env(generate.ledger(DATA / "ledger-10000.sqlite3", 10_000))
    big = base_env(generate.ledger(DATA / "ledger-5000000.sqlite3", 5_000_000))
    # a province's shared ledger: the same 10,000 rows of the shipped plan among 4,990,000
    # of 499 other plans, so that both sides show the same and only the ledger grows
    shared = base_env(generate.ledger(DATA / "ledger-5000000-500plans.sqlite3", 5_000_000,
                                      plans=500))
    figures = Shown()
    commands = {
        "status": ["status", "--as-of", AS_OF],
        "report": ["report", "--as-of", AS_OF],
        "bulletin --preview": ["bulletin", "--month", "2015-08", "--preview", "--as-of", AS_OF],
        "lint": ["lint", "--as-of", AS_OF],
        "history --agency czj --month 2015-08": ["history", "--agency", "czj", "--month",
                                                 "2015-08"],
        "todo --agency czj": ["todo", "--agency", "czj", "--as-of", AS_OF],
    }
    for name, args in commands.items():
        cmd = [*DISCLOSE, *args]
        figures.append(paired(f"{name}, 5,000,000 rows of 500 plans vs 10,000 rows",
                              "<= 1.2x, <= 60 MiB", cmd, cmd, shared, pairs, env_b=small))
    for name, args in commands.items():
        cmd = [*DISCLOSE, *args]
        figures.append(paired(f"{name}, 5,000,000 rows of one plan vs 10,000 rows",
                              "<= 1.2x, <= 60 MiB", cmd, cmd, big, pairs, env_b=small))
    out = scratch / "export"
    out.mkdir()
    counter = iter(range(10**6))

    def export(env: dict[str, str], code: int = 0) -> Run:
        return run_once([*DISCLOSE, "export", "--out", str(out / f"{next(counter)}.xlsx"),
                         "--as-of", AS_OF], env, code=code)

    figures.append(run.alternate("export xlsx, 5,000,000 rows of 500 plans vs 10,000 rows",
                                 "<= 1.5x, <= 200 MiB", lambda: export(shared),
                                 lambda: export(small), pairs))
    # more submissions than a sheet holds: the one-line refusal (exit 1) is what it costs
    figures.append(run.alternate("export xlsx (refused: 2.1M rows > a sheet), 5,000,000 vs "
                                 "10,000 rows", "<= 1.5x, <= 200 MiB",
                                 lambda: export(big, 1), lambda: export(small), pairs))
    return figures


def load() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def postgres_part(pairs: int, rows: int, server: str, scratch: Path,
                  copied: str | None = None, once: bool = True) -> list[Figure]:
    source = generate.ledger(DATA / f"ledger-{rows}.sqlite3", rows)
    schema = copied or f"bench_scale_{os.getpid()}"
    url = schema_url(server, schema)
    back = scratch / "back.sqlite3"
    figures = Shown()
    if copied is None:
        psql(server, f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}")
    try:
        if copied is None:
            seconds, done = timed([*DISCLOSE, "db", "copy", "--to", url], base_env(source))
            assert done.returncode == 0, done.stderr
            figures.append(Figure(f"db copy {rows:,} rows SQLite -> PostgreSQL", "< 60 s",
                                  [Run(seconds, 0)], [Run(seconds, 0)]))
            seconds, done = timed([*DISCLOSE, "--db", url, "db", "copy", "--to", str(back)],
                                  base_env(source))
            assert done.returncode == 0, done.stderr
            figures.append(Figure(f"db copy {rows:,} rows PostgreSQL -> SQLite", "< 60 s",
                                  [Run(seconds, 0)], [Run(seconds, 0)]))
        else:  # the same rows: the file the schema was copied from (its submits' rows
            # are the schema's own, as many as this file's after each run)
            shutil.copyfile(source, back)
        print(f"postgres part, {load()}", flush=True)
        for backend, env in (("PostgreSQL", env_at(url)), ("SQLite", base_env(back))):
            if not once:
                break
            seconds, done = timed([*DISCLOSE, "db", "verify"], env)
            assert done.returncode == 0, done.stderr
            figures.append(Figure(f"db verify, {backend}, {rows:,} rows",
                                  "< 60 s" if backend == "PostgreSQL" else "-",
                                  [Run(seconds, 0)], [Run(seconds, 0)]))
        pg_env, lite_env = env_at(url), base_env(back)
        for name, args in (("status", ["status", "--as-of", AS_OF]),
                           ("status --agency czj", ["status", "--agency", "czj",
                                                    "--as-of", AS_OF])):
            cmd = [*DISCLOSE, *args]
            figures.append(paired(f"{name}, {rows:,} rows, PostgreSQL vs SQLite", "<= 1.5x",
                                  cmd, cmd, pg_env, pairs, env_b=lite_env))
        # received on the deliverable's latest receipt day in the generated ledger: a
        # revision may not be received before what it revises
        submit = [*DISCLOSE, "submit", "--agency", "czj", "--task", "K2-1", "--month",
                  "2015-08", "--summary", "公开了8月预算执行情况和三公经费", "--received",
                  "2015-09-14"]
        figures.append(paired(f"submit, {rows:,} rows, PostgreSQL vs SQLite", "<= 1.5x",
                              submit, submit, pg_env, pairs, env_b=lite_env))
        psycopg_import = [run.PYTHON, "-c", "import psycopg"]
        figures.append(paired("import psycopg vs floor (PostgreSQL's import cost)", "-",
                              psycopg_import, run.FLOOR, lite_env, pairs))
        # The same three with psycopg imported first on both sides: what PostgreSQL costs
        # beyond its driver's import, which the figures above include on side A only.
        for name, args in (("status", ["status", "--as-of", AS_OF]),
                           ("status --agency czj", ["status", "--agency", "czj",
                                                    "--as-of", AS_OF]),
                           ("submit", submit[len(DISCLOSE):])):
            cmd = [*PRELOADED, *args]
            figures.append(paired(f"{name}, {rows:,} rows, PostgreSQL vs SQLite, psycopg "
                                  "imported on both sides", "<= 1.5x", cmd, cmd, pg_env,
                                  pairs, env_b=lite_env))
        print(f"postgres part done, {load()}", flush=True)
    finally:
        if copied is None:
            psql(server, f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    return figures


def province_part(pairs: int) -> list[Figure]:
    registry = generate.registry(DATA / "registry-province", units=3000, tasks=20,
                                 monthly=20, every_unit_leads=True)
    ledger = generate.ledger(DATA / "ledger-province-1000000.sqlite3", 1_000_000,
                             registry_dir=registry, deliverables=200_000)
    env = base_env(ledger, registry)
    figures = Shown()
    for name, args, target in (
            ("status", ["status", "--as-of", AS_OF], "< 1 s, < 200 MiB"),
            ("report", ["report", "--as-of", AS_OF], "< 1 s, < 200 MiB"),
            ("bulletin --preview", ["bulletin", "--month", "2015-08", "--preview",
                                    "--as-of", AS_OF], "< 1 s, < 200 MiB"),
            ("history --agency u00007", ["history", "--agency", "u00007"], "< 0.2 s")):
        figures.append(paired(f"province: {name}", target, [*DISCLOSE, *args], run.FLOOR,
                              env, pairs))
    return figures


def submit_once(env: dict[str, str], rng: random.Random) -> tuple[float, str | None]:
    """One whole `disclose submit`: its wall time, and its error's first line if any."""
    agency, task = rng.choice([("czj", "K2-1"), ("sjj", "K2-2"), ("gtj", "K3-1"),
                               ("zjj", "K3-2")])
    seconds, done = timed([*DISCLOSE, "submit", "--agency", agency, "--task", task, "--month",
                           rng.choice(["2015-07", "2015-08"]), "--summary",
                           "公开了本月预算执行情况和三公经费", "--received", "2015-08-28"], env)
    if done.returncode == 0:
        return seconds, None
    return seconds, (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[0]


def concurrency_part(server: str, scratch: Path, submits_each: int) -> list[str]:
    lines = ["| backend | writers | submits | submits/s | slowest submit | errors |",
             "| --- | --- | --- | --- | --- | --- |"]
    print(f"concurrency part, {load()}", flush=True)
    for backend in ("sqlite", "postgresql"):
        for writers in (1, 4, 16, 32, 64):
            schema = f"bench_writers_{os.getpid()}_{writers}"
            if backend == "sqlite":
                env = base_env(generate.ledger(scratch / f"writers-{writers}.sqlite3", 0))
            else:
                psql(server, f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}")
                url = schema_url(server, schema)
                env = env_at(url)
                subprocess.run([*DISCLOSE, "db", "init"], env=env, check=True,
                               capture_output=True)
            total = writers * submits_each
            rngs = [random.Random(i) for i in range(total)]
            start = time.perf_counter()
            with ThreadPoolExecutor(writers) as pool:
                results = list(pool.map(partial(submit_once, env), rngs))
            wall = time.perf_counter() - start
            if backend == "postgresql":
                psql(server, f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            failed = [error for _, error in results if error is not None]
            errors = len(failed)
            slowest = max(s for s, _ in results)
            if failed:
                print(f"  first error: {failed[0]}", flush=True)
            lines.append(f"| {backend} | {writers} | {total} | {total / wall:.1f} | "
                         f"{slowest:.2f} s | {errors} |")
            print(lines[-1], flush=True)
    print(f"concurrency part done, {load()}", flush=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=11)
    parser.add_argument("--pg-rows", type=int, default=1_000_000)
    parser.add_argument("--pg", default=PG)
    parser.add_argument("--pg-schema", metavar="NAME",
                        help="a schema of --pg holding the --pg-rows ledger copied already: "
                        "used as it is (kept), the copies not timed")
    parser.add_argument("--submits-each", type=int, default=4,
                        help="submits per writer in the concurrency table")
    parser.add_argument("--paired-only", action="store_true",
                        help="postgres: the paired commands alone, not the verifies timed once")
    parser.add_argument("--only", nargs="*",
                        choices=["ledger", "postgres", "province", "concurrency"])
    args = parser.parse_args()
    parts = args.only or ["ledger", "postgres", "province", "concurrency"]
    run.start_spawner()
    DATA.mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="disclose-scale-"))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, pairs={args.pairs}, "
          f"{time.strftime('%Y-%m-%d')}", flush=True)
    figures: list[Figure] = []
    table: list[str] = []
    try:
        if "ledger" in parts:
            figures += ledger_part(args.pairs, scratch)
        if "postgres" in parts:
            figures += postgres_part(args.pairs, args.pg_rows, args.pg, scratch,
                                     args.pg_schema, once=not args.paired_only)
        if "province" in parts:
            figures += province_part(args.pairs)
        if "concurrency" in parts:
            table = concurrency_part(args.pg, scratch, args.submits_each)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print()
    for f in figures:
        print(row(f))
    paired_figures = [f for f in figures if len(f.a) > 1]
    if paired_figures:
        print("\n| figure, CPU (user + system) | A | B | A/B |\n| --- | --- | --- | --- |")
        for f in paired_figures:
            print(cpu_row(f))
    for line in table:
        print(line)


if __name__ == "__main__":
    main()
