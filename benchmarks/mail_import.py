"""Bulk intake and 催报 by mail: a 500-row `import` and a 100-notice `remind --send`.

Whole processes, as run.py measures them (its helpers: alternated pairs, medians, peak
memory from wait4), each beside a yardstick measured in the same run:

- `import` of a 500-row CSV into an empty ledger, against one `submit` into an empty ledger
  (each run copies the empty ledger first, on both sides);
- `remind --send` of 100 notices to a local aiosmtpd server (STARTTLS, a login) on a
  generated registry of 101 units, against `remind` printing the same 100 notices;
- `submit --attach` of a 1 MiB and a 10 MiB file, against the same `submit` without one,
  and `attachment --out` writing the 10 MiB file back, against `history` of that ledger.

Wall time, CPU time (user + system, from wait4, the more honest figure on a shared
machine) and peak resident memory.

    .venv/bin/python benchmarks/mail_import.py [--pairs N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

import run  # noqa: E402  (its spawner must start before the data is made)


def main() -> None:
    run.start_spawner()
    import generate
    import smtpserver

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=7)
    args = parser.parse_args()
    data = run.DATA / "mail"
    data.mkdir(parents=True, exist_ok=True)
    python = run.PYTHON
    disclose = [python, "-m", "qth_disclosure"]
    empty = data / "empty.sqlite3"
    if not empty.exists():
        from qth_disclosure.ledger import Ledger

        Ledger.open(str(empty), for_writing=True, missing="create").close()
    work = data / "work.sqlite3"
    env = run.base_env(work)

    # 500 rows: the shipped registry's monthly reports, revisions after the first
    from qth_disclosure.registry import load_registry, shipped_registry_dir

    registry = load_registry(shipped_registry_dir())
    owed = [(lead, t.id, m) for t in registry.monthly_tasks for lead in t.lead
            if lead != registry.plan.office for m in registry.monthly.months[:3]]
    sheet = data / "500.csv"
    lines = ["agency,kind,task,month,received,summary,links"]
    for i in range(500):
        unit, task, month = owed[i % len(owed)]
        # a revision is received on or after what it revises (import refuses one before)
        lines.append(f"{unit},monthly,{task},{month},2015/11/{1 + i // len(owed)},"
                     f"公开了{month}月信息，第{i}条,https://example.cn/{i}")
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fresh = f"cp {empty} {work} && "
    figures = [run.paired(
        "import 500 rows (CSV)", "import / submit of one",
        ["sh", "-c", fresh + " ".join([*disclose, "import", str(sheet)]) + " >/dev/null"],
        ["sh", "-c", fresh + " ".join([*disclose, "submit", "-a", "czj", "-m", "2015-08",
                                       "-s", "x", "--received", "2015-09-01"])
         + " >/dev/null"], env, args.pairs)]

    # 100 notices to 100 units, each with one contact; the office's own as the sender
    units = generate.registry(data / "registry-101", units=101, tasks=100)
    agencies = units / "agencies.yaml"
    text = agencies.read_text(encoding="utf-8")
    if "contacts:" not in text:
        text = text.replace("    kind: office\n", "    kind: office\n    contacts:\n"
                            "      - {name: 科长, email: gkb@example.cn}\n", 1)
        out, n = [], 0
        for line in text.splitlines():
            out.append(line)
            if line == "    kind: bureau":
                n += 1
                out += ["    contacts:", f"      - {{name: 联络员{n}, email: u{n}@example.cn}}"]
        agencies.write_text("\n".join(out) + "\n", encoding="utf-8")
    pem = smtpserver.certificate(data)
    with smtpserver.serving(pem) as (handler, port):
        mail_env = {**run.base_env(work, units), "SSL_CERT_FILE": str(pem),
                    "DISCLOSE_SMTP": f"smtp://{smtpserver.USER}:{quote(smtpserver.PASSWORD)}"
                                     f"@127.0.0.1:{port}"}
        remind = [*disclose, "remind", "--as-of", "2015-10-05"]
        figures.append(run.paired(
            "remind --send, 100 notices", "send / print them",
            ["sh", "-c", fresh + " ".join([*remind, "--send"]) + " >/dev/null 2>&1"],
            ["sh", "-c", fresh + " ".join(remind) + " >/dev/null"], mail_env, args.pairs))
        mails = len(handler.received)
    figures += attachments(data, disclose, empty, work, env, args.pairs)
    print(f"{'figure':32} {'A':>24} {'B':>24} {'A/B':>6} {'CPU A':>9} {'CPU B':>9} "
          f"{'peak A':>9}")
    for f in figures:
        peak = max(r.peak_kib for r in f.a) / 1024
        print(f"{f.name:32} {run.fmt_runs(f.a):>24} {run.fmt_runs(f.b):>24} "
              f"{f.ratio:6.1f} {cpu_ms(f.a):>9} {cpu_ms(f.b):>9} {peak:7.1f} MiB")
    print(f"(the server took {mails} mails: {args.pairs + 1} sends of 100)")


def cpu_ms(runs: list[run.Run]) -> str:
    import statistics

    return f"{statistics.median(r.cpu_seconds for r in runs) * 1000:.0f} ms"


def attachments(data: Path, disclose: list[str], empty: Path, work: Path,
                env: dict[str, str], pairs: int) -> list[run.Figure]:
    """`submit --attach` of 1 and 10 MiB against a bare `submit`; the 10 MiB file written
    back (`attachment --out`, a new file each run) against `history` of the same ledger."""
    import os

    submit = [*disclose, "submit", "-a", "czj", "-m", "2015-08", "-s", "x",
              "--received", "2015-09-01"]
    fresh = f"cp {empty} {work} && "
    figures = []
    for mib in (1, 10):
        file = data / f"{mib}mib.bin"
        if not file.exists() or file.stat().st_size != mib << 20:
            file.write_bytes(os.urandom(mib << 20))  # incompressible, as a scan is
        figures.append(run.paired(
            f"submit --attach {mib} MiB", "submit with / without",
            ["sh", "-c", fresh + " ".join([*submit, "--attach", str(file)]) + " >/dev/null"],
            ["sh", "-c", fresh + " ".join(submit) + " >/dev/null"], env, pairs))
    kept = data / "attached.sqlite3"
    kept.unlink(missing_ok=True)
    run.run_once(["sh", "-c", f"cp {empty} {kept}"], env)
    with_file = {**env, "DISCLOSE_DB": str(kept)}
    run.run_once([*submit, "--attach", str(data / "10mib.bin")], with_file)
    out = data / "back.bin"
    figures.append(run.paired(
        "attachment --out, 10 MiB", "write back / history",
        ["sh", "-c", f"rm -f {out} && " + " ".join([*disclose, "attachment", "1", "--out",
                                                     str(out)]) + " >/dev/null"],
        ["sh", "-c", " ".join([*disclose, "history"]) + " >/dev/null"], with_file, pairs))
    assert out.read_bytes() == (data / "10mib.bin").read_bytes()
    return figures


if __name__ == "__main__":
    main()
