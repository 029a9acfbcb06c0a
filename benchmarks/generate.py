"""Seeded data for the benchmarks: ledgers of any size, registries of any size.

Ledgers are written straight into SQLite with the tool's own schema and hash chain (going
through `disclose submit` five million times would take hours); `disclose db verify`
accepts them. Registries are YAML files of the same shape as the shipped ones.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qth_disclosure.ledger import Ledger  # noqa: E402
from qth_disclosure.ledger.chain import GENESIS, row_hash  # noqa: E402
from qth_disclosure.registry import load_registry, shipped_registry_dir  # noqa: E402

COLUMNS = ("id", "plan", "kind", "agency", "task", "period", "received_on", "summary",
           "links", "revision_of", "recorded_at", "recorded_by", "login")


def ledger(path: Path, rows: int, seed: int = 2015, registry_dir: Path | None = None,
           deliverables: int | None = None, plans: int = 1) -> Path:
    """A ledger of `rows` monthly reports and revisions over the registry's deliverables
    (over a seeded choice of `deliverables` of them, when given).

    With `plans` above 1, a province's shared ledger: every `plans`-th row is the
    registry's plan's, the same rows in the same order as the ledger of `rows // plans`
    rows with this seed holds (so the plan's commands show the same on both), and the rows
    between belong to `plans - 1` other cities' plans of the same shape."""
    if path.exists():
        return path
    registry = load_registry(registry_dir or shipped_registry_dir())
    owed = [(lead, task.id, month) for task in registry.monthly_tasks for lead in task.lead
            for month in registry.monthly.months]
    # the schema, by the tool itself, as `disclose db init` makes it
    Ledger.open(str(path), for_writing=True, missing="create").close()
    ours, others = random.Random(seed), random.Random(seed + 1)
    if deliverables is not None:
        owed = ours.sample(owed, min(deliverables, len(owed)))
    latest: dict[tuple[str, str, str, str], int] = {}
    count: dict[str, int] = {}
    previous_hash = GENESIS
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA synchronous = OFF")  # a generator, not the tool: speed over safety
    db.execute("BEGIN")
    batch, chain = [], []
    for row_id in range(1, rows + 1):
        if row_id % plans == 0:  # the registry's plan (every row, with one plan)
            plan, rng = registry.plan.id, ours
        else:
            plan, rng = f"{registry.plan.id}-city{row_id % plans:03d}", others
        agency, task, month = owed[rng.randrange(len(owed))]
        received = date.fromisoformat(month + "-01") + timedelta(days=rng.randrange(45))
        count[plan] = count.get(plan, 0) + 1
        row = {"id": row_id, "plan": plan, "kind": "monthly", "agency": agency,
               "task": task, "period": month, "received_on": received.isoformat(),
               # numbered within its plan, so a plan's rows read as a small ledger's
               "summary": f"公开了{month}月{task}相关信息，第{count[plan]}次报送",
               "links": '["http://www.qth.gov.cn/x"]',
               "revision_of": latest.get((plan, agency, task, month)),
               "recorded_at": f"{received.isoformat()}T09:30:00+08:00",
               "recorded_by": "bench", "login": "bench"}
        latest[(plan, agency, task, month)] = row_id
        previous_hash = row_hash(previous_hash, "submissions", row)
        batch.append(tuple(row[c] for c in COLUMNS))
        chain.append((row_id, "submissions", row_id, "", previous_hash))
        if len(batch) == 50_000:
            _flush(db, batch, chain)
    _flush(db, batch, chain)
    db.execute("COMMIT")
    db.close()
    return path


def _flush(db: sqlite3.Connection, batch: list[tuple[object, ...]],
           chain: list[tuple[object, ...]]) -> None:
    if not batch:
        return
    db.executemany(f"INSERT INTO submissions ({', '.join(COLUMNS)}) "
                   f"VALUES ({', '.join('?' * len(COLUMNS))})", batch)
    # prev_hash of entry n is the hash of entry n-1
    last = db.execute("SELECT hash FROM chain ORDER BY seq DESC LIMIT 1").fetchone()
    previous = last[0] if last else GENESIS
    linked = []
    for seq, table, row_id, _, digest in chain:
        linked.append((seq, table, row_id, previous, digest))
        previous = digest
    db.executemany("INSERT INTO chain (seq, tbl, row_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?)",
                   linked)
    batch.clear()
    chain.clear()


def registry(directory: Path, units: int, tasks: int, monthly: int | None = None,
             broken: bool = False, every_unit_leads: bool = False) -> Path:
    """A registry of `units` units and `tasks` tasks; `monthly` of them (default: one per
    unit) are key-area tasks with monthly reports, each led by a different unit (by every
    unit, with `every_unit_leads`: a province's tasks, each reported on by every city
    office)."""
    if (directory / "tasks.yaml").exists():
        return directory
    directory.mkdir(parents=True, exist_ok=True)
    monthly = min(units, tasks) if monthly is None else monthly
    shipped = (shipped_registry_dir() / "tasks.yaml").read_text(encoding="utf-8")
    head = shipped.split("\nsections:")[0]  # plan, phases, monthly reporting rule
    law = "\nlaw_profiles:" + shipped.split("\nlaw_profiles:")[1]
    agencies = ["agencies:", "  - code: szfb", "    name: 市政府办",
                "    full_name: 七台河市人民政府办公室", "    name_en: Office", "    kind: office"]
    for i in range(1, units):
        agencies += [f"  - code: u{i:05d}", f"    name: 第{i}号单位",
                     f"    full_name: 七台河市第{i}号单位", f"    name_en: Unit {i}",
                     "    kind: bureau"]
    lines = [head, "sections:", '  - id: "一"', "    title: 重点领域", '  - id: "二"',
             "    title: 其他领域", "tasks:"]
    for t in range(tasks):
        lead = "szfb" if t % units == 0 else f"u{t % units:05d}"
        if broken and t in (7, tasks // 2):
            lead = "u99999x"  # an unknown unit, for `check`
        tid = f"T{t:05d}" if not (broken and t == tasks - 1) else "T00001"  # a duplicate id
        if every_unit_leads:
            lead = ", ".join(["szfb", *(f"u{i:05d}" for i in range(1, units))])
        lines += [f"  - id: {tid}", f'    section: "{"一" if t < monthly else "二"}"',
                  f"    title: 第{t}项任务", f"    text: 推进第{t}项信息公开。",
                  f"    lead: [{lead}]"]
    (directory / "agencies.yaml").write_text("\n".join(agencies) + "\n", encoding="utf-8")
    (directory / "tasks.yaml").write_text("\n".join(lines) + "\n" + law, encoding="utf-8")
    return directory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / ".data")
    parser.add_argument("--rows", type=int, nargs="*", default=[10_000])
    parser.add_argument("--plans", type=int, default=1,
                        help="with more than 1, also a shared ledger of that many plans "
                        "for each size (the shipped plan's share of it is the ledger of "
                        "ROWS / PLANS rows but for the ids)")
    args = parser.parse_args()
    for rows in args.rows:
        print(ledger(args.out / f"ledger-{rows}.sqlite3", rows))
        if args.plans > 1:
            print(ledger(args.out / f"ledger-{rows}-{args.plans}plans.sqlite3", rows,
                         plans=args.plans))
    print(registry(args.out / "registry-large", units=3000, tasks=4000))


if __name__ == "__main__":
    main()
