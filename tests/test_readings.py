"""The three ways a reading command reads the ledger give the same answers, byte for byte.

A small ledger is read whole; a large one of many deliverables and few revisions each in
one ordered pass (the earliest and newest receipt of every deliverable); a large one of
many revisions per deliverable by indexed probes, deliverable by deliverable. Which one
runs depends on the ledger's size alone, so each is forced here on the same small ledger,
on both backends: ties (two receipts of a deliverable the same day), revisions, returns,
a returned earliest receipt, voids and clearances.
"""

from __future__ import annotations

from typing import Any

import pytest

from qth_disclosure import queries
from qth_disclosure.core.compliance import deliverables, owed_count
from qth_disclosure.ledger import Ledger

READINGS = {
    # (SCAN_ROWS_PER_DELIVERABLE, SMALL_LEDGER_ROWS) that choose each reading
    "scan": (10**9, 10**9),
    "one_pass": (10**9, -1),
    "probes": (0, -1),
}

AS_OF = ("2015-08-31", "2015-09-02", "2015-09-03", "2015-09-10")


def _ledger_with_ties(disclose: Any) -> None:
    """Two receipts of one deliverable on the same day (the later id decides), a returned
    earliest receipt answered by a revision, a voided newest receipt, a returned newest
    one, a clearance; the plan's own summary kind among them."""
    tie = disclose.monthly("czj", "K2-1", "2015-08", "2015-08-30", "公开了8月预算执行情况")
    disclose.monthly("czj", "K2-1", "2015-08", "2015-08-30", "公开了8月预算执行情况和三公经费")
    early = disclose.monthly("sjj", "K2-2", "2015-08", "2015-08-29", "审计结果公告")
    disclose("review", str(early["id"]), "--return", "--comment", "过简", "--date", "2015-09-01")
    disclose.monthly("sjj", "K2-2", "2015-08", "2015-09-02", "公开了8月审计结果公告和整改情况")
    disclose.monthly("sjj", "K2-2", "2015-08", "2015-09-02", "公开了8月审计结果公告和整改情况")
    disclose.monthly("gtj", "K3-1", "2015-07", "2015-08-05", "土地出让公告")
    voided = disclose.monthly("gtj", "K3-1", "2015-07", "2015-08-06", "土地出让公告，补充")
    disclose("void", str(voided["id"]), "--reason", "报错了单位", "--date", "2015-09-02")
    disclose.monthly("gtj", "K3-1", "2015-08", "2015-09-03", "土地出让公告")
    returned = disclose.monthly("zjj", "K3-2", "2015-08", "2015-08-31", "公开了8月保障房分配")
    disclose("review", str(returned["id"]), "--return", "--comment", "x", "--date",
             "2015-09-02")
    disclose("review", str(tie["id"] + 1), "--accept", "--comment", "好",
             "--date", "2015-09-01")
    disclose("clear", str(tie["id"] + 1), "--result", "passed", "--date", "2015-09-02")


COMMANDS = [("status",), ("status", "--agency", "czj"), ("report",), ("lint",),
            ("lint", "--month", "2015-08"), ("bulletin", "--month", "2015-08", "--preview"),
            ("todo", "--agency", "sjj")]


def _answers(disclose: Any, fmt: str) -> list[str]:
    return [disclose(*command, "--as-of", day, "--format", fmt).stdout
            for day in AS_OF for command in COMMANDS]


@pytest.mark.parametrize("reading", ["one_pass", "probes"])
def test_every_reading_gives_the_same_answers(disclose, monkeypatch, reading: str) -> None:
    _ledger_with_ties(disclose)
    scanned = {fmt: _answers(disclose, fmt) for fmt in ("json", "table")}
    rows, small = READINGS[reading]
    monkeypatch.setattr(queries, "SCAN_ROWS_PER_DELIVERABLE", rows)
    monkeypatch.setattr(queries, "SMALL_LEDGER_ROWS", small)
    for fmt, expected in scanned.items():
        assert _answers(disclose, fmt) == expected, (reading, fmt)
    # the ledger is what it should be: of a tie the lower id counts for timeliness, the
    # returned earliest receipt gives way to the revision, a returned newest one decides
    status = disclose.json("status", "--as-of", "2015-09-10")
    states = {(d["agency"], d["task"], d["period"]): (d["state"], d["submission"])
              for d in status["deliverables"] if d["kind"] == "monthly"}
    assert states[("czj", "K2-1", "2015-08")] == ("on_time", 1)
    assert states[("sjj", "K2-2", "2015-08")] == ("late", 4)
    assert states[("zjj", "K3-2", "2015-08")] == ("returned", 9)


def test_the_readings_are_chosen_by_the_ledgers_size(disclose, ledger_location, registry,
                                                    monkeypatch) -> None:
    """Which reading runs: the one pass only where a ledger is neither small nor of many
    revisions per deliverable."""
    _ledger_with_ties(disclose)
    chosen = []
    with Ledger.open(ledger_location, for_writing=False) as ledger:
        for rows, small in READINGS.values():
            monkeypatch.setattr(queries, "SCAN_ROWS_PER_DELIVERABLE", rows)
            monkeypatch.setattr(queries, "SMALL_LEDGER_ROWS", small)
            chosen.append(queries._reading(ledger, deliverables(registry)))
    assert chosen == list(READINGS)


def test_what_chooses_the_reading_counts_what_is_owed(registry) -> None:
    """Lint's and the status page's readings are chosen by how many deliverables are owed
    (of every unit, or of one), counted without making them."""
    assert owed_count(registry) == len(deliverables(registry))
    for unit in registry.agencies:
        assert owed_count(registry, unit.code) == len(deliverables(registry, unit.code))
