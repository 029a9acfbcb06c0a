"""Benchmarks: whole-process runs of `disclose`, paired against yardsticks in the same run.

    python benchmarks/run.py [--quick]

Each figure runs its command and its yardstick alternately (A B A B ...) after a warm-up,
at least 11 pairs, and reports the medians, min-max, and the median of the pairwise
ratios, so a noisy moment on a shared machine hits both sides of a pair alike. Nothing is
installed here; a missing peer is skipped with a note (see benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / ".data"
sys.path.insert(0, str(HERE))

PYTHON = sys.executable
DISCLOSE = [PYTHON, "-m", "qth_disclosure"]
FLOOR = [PYTHON, "-c", "pass"]


@dataclass
class Run:
    seconds: float
    peak_kib: int
    cpu_seconds: float = 0.0  # user + system, the process and the children it waited for


# Runs each measured process and reports its wall time and peak memory. It is a small
# process of its own because Linux carries a parent's peak resident size into a forked
# child's ru_maxrss: spawned from this script (tens of MiB after generating data), every
# child would report at least this script's size.
SPAWNER = r"""
import base64, json, os, subprocess, sys, time
for line in sys.stdin:
    job = json.loads(line)
    stdin = base64.b64decode(job["stdin"]) if job["stdin"] else None
    start = time.perf_counter()
    proc = subprocess.Popen(job["cmd"], env=job["env"],
                            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if stdin:
        proc.stdin.write(stdin)
        proc.stdin.close()
    proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    print(json.dumps({"seconds": elapsed, "peak_kib": usage.ru_maxrss,
                      "cpu": usage.ru_utime + usage.ru_stime,
                      "code": os.waitstatus_to_exitcode(status),
                      "err": err.decode(errors="replace")[-400:]}), flush=True)
"""
_spawner: subprocess.Popen[str] | None = None


def start_spawner() -> None:
    """Start it while this script is still small (before it imports or generates data)."""
    global _spawner
    _spawner = subprocess.Popen([PYTHON, "-c", SPAWNER], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)


def run_once(cmd: Sequence[str], env: dict[str, str], stdin: bytes | None = None,
             code: int = 0) -> Run:
    """One whole process, which must exit with `code`: wall time and peak resident memory
    (wait4's rusage)."""
    assert _spawner is not None and _spawner.stdin is not None
    assert _spawner.stdout is not None
    _spawner.stdin.write(json.dumps({
        "cmd": list(cmd), "env": env,
        "stdin": base64.b64encode(stdin).decode() if stdin else None}) + "\n")
    _spawner.stdin.flush()
    done = json.loads(_spawner.stdout.readline())
    if done["code"] != code:
        raise RuntimeError(f"{' '.join(cmd)} exited {done['code']}: {done['err']}")
    return Run(done["seconds"], done["peak_kib"], done["cpu"])


def run_on_terminal(cmd: Sequence[str], env: dict[str, str], columns: int = 120) -> Run:
    """One whole process writing to a pseudo-terminal of `columns` columns, as at a prompt."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=slave,
                            stderr=subprocess.PIPE)
    os.close(slave)
    while True:
        try:
            if not os.read(master, 65536):
                break
        except OSError:  # EIO: the child closed the terminal
            break
    os.close(master)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, _ = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {err.decode()[-400:]}")
    return Run(elapsed, 0)  # forked from this script, its ru_maxrss would include ours


def in_process(fn: Callable[[], object]) -> Run:
    start = time.perf_counter()
    fn()
    return Run(time.perf_counter() - start, 0)


@dataclass
class Figure:
    name: str
    target: str
    a: list[Run]
    b: list[Run]

    @property
    def ratio(self) -> float:
        return statistics.median(x.seconds / y.seconds for x, y in zip(self.a, self.b,
                                                                          strict=True))


def alternate(name: str, target: str, a: Callable[[], Run], b: Callable[[], Run],
              pairs: int) -> Figure:
    """Run A and B once each to warm up (page cache, .pyc files, the registry cache), then
    alternately, A B A B, so that a noisy moment hits both sides of a pair."""
    a()
    b()
    runs_a, runs_b = [], []
    for _ in range(pairs):
        runs_a.append(a())
        runs_b.append(b())
    return Figure(name, target, runs_a, runs_b)


def paired(name: str, target: str, a: Sequence[str], b: Sequence[str], env: dict[str, str],
           pairs: int, env_b: dict[str, str] | None = None) -> Figure:
    """Two whole-process commands, alternated."""
    return alternate(name, target, lambda: run_once(a, env),
                     lambda: run_once(b, env_b or env), pairs)


def fmt_runs(runs: list[Run]) -> str:
    ms = [r.seconds * 1000 for r in runs]
    return f"{statistics.median(ms):7.1f} ms ({min(ms):.0f}-{max(ms):.0f})"


def base_env(db: Path, registry: Path | None = None) -> dict[str, str]:
    # Bytecode caches are written and used, as in any installed copy: a shell that sets
    # PYTHONDONTWRITEBYTECODE would otherwise recompile the package on every run.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("DISCLOSE_") and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(DISCLOSE_DB=str(db), DISCLOSE_LANG="en", NO_COLOR="1",
               XDG_CACHE_HOME=str(DATA / "cache"))
    if registry is not None:
        env["DISCLOSE_REGISTRY"] = str(registry)
    return env


def taskwarrior_env(items: int) -> dict[str, str] | None:
    """A throwaway Taskwarrior holding `items` pending tasks, or None without `task`."""
    if shutil.which("task") is None:
        return None
    home = DATA / f"task-{items}"
    rc = home / "taskrc"
    if not rc.exists():
        (home / "data").mkdir(parents=True, exist_ok=True)
        rc.write_text(f"data.location={home / 'data'}\nconfirmation=off\nverbose=nothing\n"
                      "news.version=99.99\n")
        tasks = [{"description": f"第{i}项任务报送", "status": "pending",
                  "entry": "20150801T000000Z", "project": f"u{i % 300}",
                  "uuid": f"00000000-0000-4000-8000-{i:012d}"} for i in range(items)]
        env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(home / "data")}
        subprocess.run(["task", "import", "-"], input=json.dumps(tasks).encode(), env=env,
                       check=True, capture_output=True)
    return {**os.environ, "TASKRC": str(rc), "TASKDATA": str(home / "data")}


def main() -> None:
    start_spawner()
    import generate  # the data generators import the tool itself

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="fewer pairs, no 1M/5M-row ledgers")
    parser.add_argument("--other-python", metavar="PYTHON",
                        help="another environment's interpreter with the tool installed "
                        "(e.g. under Typer 0.29): status there is measured against here")
    args = parser.parse_args()
    pairs = 11
    DATA.mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="disclose-bench-"))
    figures: list[Figure] = []
    notes: list[str] = []
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, pairs={pairs}", flush=True)

    small = generate.ledger(DATA / "ledger-10000.sqlite3", 10_000)
    env = base_env(small)
    figures.append(paired("disclose --help", "<= 6x floor", [*DISCLOSE, "--help"], FLOOR,
                          env, pairs))
    status = [*DISCLOSE, "status", "--as-of", "2015-09-10"]
    figures.append(paired("status, 10,000-row ledger", "<= 10x floor", status, FLOOR, env,
                          pairs))

    # submit: each run appends one row to a ledger of its own, like sqlite-utils insert
    submit_db = generate.ledger(scratch / "submit.sqlite3", 0)  # as `disclose db init` leaves it
    submit = [*DISCLOSE, "submit", "--agency", "czj", "--task", "K2-1", "--month", "2015-08",
              "--summary", "公开了8月预算执行情况和三公经费", "--received", "2015-08-28"]
    submit_env = base_env(submit_db)
    figures.append(paired("submit", "<= 6x floor", submit, FLOOR, submit_env, pairs))
    # the same three against the smallest Typer app there is, so that a run on a loaded
    # machine still says what disclose adds to the framework it is built on
    minimal = minimal_typer()
    for name, cmd, other, run_env in (
            ("disclose --help", [*DISCLOSE, "--help"], "--help", env),
            ("status, 10,000-row ledger", status, "status", env),
            ("submit", submit, "submit", submit_env)):
        figures.append(paired(f"{name} vs a minimal two-command Typer app", "decision", cmd,
                              [PYTHON, str(minimal), other], run_env, pairs))
    sqlite_utils = shutil.which("sqlite-utils", path=str(Path(PYTHON).parent)) or shutil.which(
        "sqlite-utils")
    if sqlite_utils:
        peer_db = scratch / "peer.sqlite3"
        row = json.dumps({"agency": "czj", "task": "K2-1", "period": "2015-08",
                          "summary": "公开了8月预算执行情况和三公经费"}).encode()
        peer = [sqlite_utils, "insert", str(peer_db), "submissions", "-"]
        figures.append(alternate("submit vs sqlite-utils insert", "<= 0.5x peer",
                                 lambda: run_once(submit, submit_env),
                                 lambda: run_once(peer, submit_env, row), pairs))
    else:
        notes.append("sqlite-utils not found: pip install sqlite-utils (see README)")

    for items, target in ((1_000, "<= 3x task list"), (10_000, "<= 0.65x task list")):
        task_env = taskwarrior_env(items)
        if task_env is None:
            notes.append("taskwarrior not found: apt-get install taskwarrior (see README)")
            break
        # a registry whose plan owes about `items` deliverables: 8 per unit (5 monthly
        # reports, plan, summary, inspection)
        units = items // 8
        reg = generate.registry(DATA / f"registry-{items}", units=units, tasks=units)
        # and a ledger of as many reports, over that registry's own deliverables
        own = generate.ledger(DATA / f"ledger-{items}-for-registry-{items}.sqlite3", items,
                              registry_dir=reg)
        figures.append(paired(f"status, {items:,} deliverables vs task list, {items:,} tasks",
                              target, status, ["task", "list"], base_env(own, reg), pairs,
                              env_b=task_env))

    if not args.quick:
        big = {rows: generate.ledger(DATA / f"ledger-{rows}.sqlite3", rows)
               for rows in (1_000_000, 5_000_000)}
        for rows, path in big.items():
            figures.append(paired(f"status, {rows:,} vs 10,000 rows",
                                  "<= 1.15x (5M), peak <= 60 MiB", status, status,
                                  base_env(path), pairs, env_b=env))
    else:
        notes.append("--quick: the 1,000,000 and 5,000,000-row ledgers were not measured")

    large = generate.registry(DATA / "registry-large", units=3000, tasks=4000)
    load = [PYTHON, "-c", "from pathlib import Path; from qth_disclosure.registry import "
            f"load_registry; load_registry(Path({str(large)!r}))"]
    figures.append(paired("load 4,000 tasks x 3,000 units (cached)", "<= 50 ms", load, FLOOR,
                          base_env(small), pairs))
    broken = generate.registry(DATA / "registry-large-broken", units=3000, tasks=4000,
                               broken=True)
    check = [*DISCLOSE, "--registry", str(broken), "check"]
    check_runs = []
    for _ in range(3):
        start = time.perf_counter()
        done = subprocess.run(check, env=base_env(small), capture_output=True, text=True)
        check_runs.append(Run(time.perf_counter() - start, 0))
        assert done.returncode == 1 and "unknown agency code" in done.stdout, done.stdout[:300]
    figures.append(Figure("check, 4,000 tasks with 3 errors", "< 2 s", check_runs, check_runs))
    grid_env = base_env(generate.ledger(scratch / "empty.sqlite3", 0), large)
    figures.append(paired("status grid 3,000 units x 5 months, to a pipe", "< 1 s", status,
                          FLOOR, grid_env, pairs))
    grid = subprocess.run(status, env=grid_env, capture_output=True, text=True).stdout
    notes.append(_grid_check(grid))
    figures += decisions(env, large, pairs if not args.quick else 3)
    if args.other_python:
        other = [args.other_python, *status[1:]]
        figures.append(paired("status under --other-python vs here", "decision", other,
                              status, env, pairs))

    print()
    print(f"{'figure':58} {'target':26} {'A (disclose)':24} {'B (yardstick)':24} "
          f"{'A/B':>6} {'peak A':>8}")
    for f in figures:
        peak = max(r.peak_kib for r in f.a) / 1024
        shown = f"{peak:6.1f}MiB" if peak else f"{'-':>9}"
        print(f"{f.name:58} {f.target:26} {fmt_runs(f.a):24} {fmt_runs(f.b):24} "
              f"{f.ratio:6.2f} {shown}")
    for note in notes:
        print(f"note: {note}")
    shutil.rmtree(scratch, ignore_errors=True)


MINIMAL_TYPER = """
import typer

app = typer.Typer(add_completion=False, rich_markup_mode=None)


@app.command()
def status(as_of: str = "") -> None:
    \"\"\"Show status.\"\"\"


@app.command()
def submit(agency: str = "") -> None:
    \"\"\"Record a report.\"\"\"


app()
"""


def minimal_typer() -> Path:
    """The smallest Typer CLI there is: two commands, no work (configured as disclose)."""
    minimal = DATA / "minimal_typer.py"
    minimal.write_text(MINIMAL_TYPER, encoding="utf-8")
    return minimal


def decisions(env: dict[str, str], large: Path, pairs: int) -> list[Figure]:
    """The measurements behind the start-up decisions recorded in benchmarks/README.md."""
    figures = []
    status = [*DISCLOSE, "status", "--as-of", "2015-09-10"]
    # Rich only on a terminal: the same status drawn by Rich on a 120-column terminal (with
    # colour) against tabulate's plain table to a pipe
    colour = {k: v for k, v in env.items() if k != "NO_COLOR"}
    figures.append(alternate("status on a terminal (Rich) vs to a pipe (plain)", "decision",
                             lambda: run_on_terminal(status, colour),
                             lambda: run_once(status, env), pairs))
    figures.append(paired("import rich.console + rich.table vs floor", "decision",
                          [PYTHON, "-c", "import rich.console, rich.table"], FLOOR, env,
                          pairs))
    figures.append(paired("import typer vs floor (the framework's own floor)", "decision",
                          [PYTHON, "-c", "import typer"], FLOOR, env, pairs))
    minimal = minimal_typer()
    figures.append(paired("minimal Typer app, --help vs floor", "decision",
                          [PYTHON, str(minimal), "--help"], FLOOR, env, pairs))
    figures.append(paired("minimal Typer app, one command vs floor", "decision",
                          [PYTHON, str(minimal), "submit", "--agency", "czj"], FLOOR, env,
                          pairs))
    import yaml

    text = (large / "tasks.yaml").read_text(encoding="utf-8")
    c_loader = getattr(yaml, "CSafeLoader", None)
    if c_loader is not None:
        figures.append(alternate(
            "parse 4,000-task tasks.yaml: CSafeLoader vs SafeLoader", "decision",
            lambda: in_process(lambda: yaml.load(text, Loader=c_loader)),  # noqa: S506
            lambda: in_process(lambda: yaml.load(text, Loader=yaml.SafeLoader)),  # noqa: S506
            max(3, pairs // 3)))  # the pure-Python side takes seconds
    return figures


def _grid_check(text: str) -> str:
    """The grid is whole (every unit's row) and aligned (every row the same width)."""
    from wcwidth import wcswidth

    rows = [line for line in text.splitlines() if " T0" in line]
    widths = {wcswidth(line.rstrip()) for line in rows[:3000]}
    return (f"grid: {len(rows)} unit rows, {len(widths)} distinct row width(s), "
            f"{'no' if '…' not in text else 'SOME'} ellipses")


if __name__ == "__main__":
    main()
