"""`submit --attach` and `disclose attachment`: files kept in the ledger with their report,
byte for byte, chained by their SHA-256, checked by `db verify`, carried by `db copy` and
`db backup`; refused in one line with nothing written. Every test that touches the ledger
runs on SQLite and on PostgreSQL (conftest's `ledger_location`)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from qth_disclosure.ledger import Ledger
from qth_disclosure.ledger.location import is_server
from qth_disclosure.ledger.server_rules import LIAISON

SUBMIT = ["submit", "--agency", "czj", "--task", "K2-1", "--month", "2015-08",
          "--summary", "公开了预算", "--received", "2015-08-28"]
# every byte value, a NUL and a CR LF among them: nothing is decoded or translated
PAYLOAD = bytes(range(256)) * 40 + b"\r\n\x00end"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    scan = tmp_path / "报送表.pdf"
    scan.write_bytes(PAYLOAD)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    return scan, empty


def test_attach_stores_each_file_and_writes_it_back_byte_for_byte(disclose, files,
                                                                  tmp_path: Path) -> None:
    scan, empty = files
    recorded = disclose.json(*SUBMIT, "--attach", str(scan), "--attach", str(empty))
    assert [(a["name"], a["size"]) for a in recorded["attachments"]] == [
        ("报送表.pdf", len(PAYLOAD)), ("empty.txt", 0)]
    (row,) = disclose.json("history")
    assert row["attachments"] == [
        {"id": 1, "name": "报送表.pdf", "size": len(PAYLOAD),
         "sha256": hashlib.sha256(PAYLOAD).hexdigest()},
        {"id": 2, "name": "empty.txt", "size": 0, "sha256": hashlib.sha256(b"").hexdigest()}]
    table = disclose("history").stdout
    assert f"#1 报送表.pdf ({len(PAYLOAD):,} bytes, SHA-256 " in table
    assert "#2 empty.txt (0 bytes" in table
    csv = disclose("history", "--format", "csv").stdout
    assert csv.splitlines()[1].endswith(",1:报送表.pdf 2:empty.txt")

    back = tmp_path / "out" / "back.pdf"
    back.parent.mkdir()
    wrote = disclose("attachment", "1", "--out", str(back))
    assert back.read_bytes() == PAYLOAD
    digest = row["attachments"][0]["sha256"]
    assert f"attachment #1 报送表.pdf, {len(PAYLOAD):,} bytes, SHA-256 {digest}" in wrote.stdout
    disclose("attachment", "2", "--out", str(tmp_path / "out" / "e.txt"))
    assert (tmp_path / "out" / "e.txt").read_bytes() == b""
    disclose("db", "verify")


def test_export_json_lists_the_files_as_history_does(disclose, files, tmp_path: Path) -> None:
    scan, _ = files
    disclose(*SUBMIT, "--attach", str(scan))
    out = tmp_path / "plan.json"
    disclose("export", "--out", str(out), "--as-of", "2015-09-10")
    exported = json.loads(out.read_text(encoding="utf-8"))["submissions"]
    assert exported == disclose.json("history") and exported[0]["attachments"][0]["name"] \
        == "报送表.pdf"


def test_history_of_a_submission_without_attachments_lists_none(disclose) -> None:
    disclose(*SUBMIT)
    (row,) = disclose.json("history")
    assert row["attachments"] == []
    assert "attachments" not in disclose.json(*SUBMIT[:-1], "2015-08-29")


def test_attachment_never_overwrites_and_names_an_unknown_id(disclose, files,
                                                             tmp_path: Path) -> None:
    disclose(*SUBMIT, "--attach", str(files[0]))
    there = tmp_path / "there.pdf"
    there.write_bytes(b"mine")
    refused = disclose("attachment", "1", "--out", str(there), code=1)
    assert refused.stderr == f"error: {there} already exists; choose a new file (nothing " \
        "was written)\n"
    assert there.read_bytes() == b"mine"
    for wrong in ("9", "0", "99999999999"):
        refused = disclose("attachment", wrong, "--out", str(tmp_path / "x"), code=1)
        assert refused.stderr.startswith(f"error: no attachment #{wrong}; ")
        assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("case", ["missing", "directory", "fifo", "too_large", "control"])
def test_attach_refuses_a_bad_file_in_one_line_and_records_nothing(
        disclose, tmp_path: Path, registry_copy: Path, ledger_rows, case: str) -> None:
    tasks = registry_copy / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace(
        "max_bytes: 20971520", "max_bytes: 100"), encoding="utf-8")
    path = tmp_path / "given"
    wanted = {"missing": f"cannot read {path} for --attach: No such file or directory",
              "directory": f"{path} is not a regular file",
              "fifo": f"{path} is not a regular file",
              "too_large": f"{path} is 101 bytes, more than the 100 bytes the registry allows",
              "control": "an attachment's name must be 1 to 255 characters with no control"}
    if case == "directory":
        path.mkdir()
    elif case == "fifo":
        os.mkfifo(path)
    elif case == "too_large":
        path.write_bytes(b"x" * 101)
    elif case == "control":
        path = tmp_path / "a\x1b[31mred.pdf"
        path.write_bytes(b"x")
    good = tmp_path / "good.txt"
    good.write_bytes(b"ok")
    refused = disclose("--registry", str(registry_copy), *SUBMIT, "--attach", str(good),
                       "--attach", str(path), code=1)
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert wanted[case] in refused.stderr and refused.stderr.rstrip().endswith(
        "nothing recorded")
    assert ledger_rows() == {}


def test_attach_exactly_at_the_cap_is_kept(disclose, tmp_path: Path,
                                           registry_copy: Path) -> None:
    tasks = registry_copy / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace(
        "max_bytes: 20971520", "max_bytes: 100"), encoding="utf-8")
    path = tmp_path / "full.bin"
    path.write_bytes(b"y" * 100)
    done = disclose.json("--registry", str(registry_copy), *SUBMIT, "--attach", str(path))
    assert done["attachments"][0]["size"] == 100


@pytest.mark.parametrize("value, message", [
    ("0", "plan.attachments.max_bytes must be a whole number of bytes from 1 to 268435456, "
          "not 0"),
    ("lots", "plan.attachments.max_bytes must be a whole number of bytes"),
    ("268435457", "plan.attachments.max_bytes must be a whole number of bytes from 1 to "
                  "268435456, not 268435457"),
])
def test_check_names_a_bad_cap_with_file_and_line(cli, registry_copy: Path, value: str,
                                                  message: str) -> None:
    tasks = registry_copy / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    line = text.splitlines().index("    max_bytes: 20971520") + 1
    tasks.write_text(text.replace("max_bytes: 20971520", f"max_bytes: {value}"),
                     encoding="utf-8")
    refused = cli("--registry", str(registry_copy), "check", code=1)
    assert f"tasks.yaml:{line}: {message}" in refused.stdout + refused.stderr


def test_the_cap_defaults_to_20_mib(registry_copy: Path) -> None:
    from qth_disclosure.registry import load_registry

    tasks = registry_copy / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text.replace("  attachments:\n    max_bytes: 20971520\n", ""),
                     encoding="utf-8")
    assert "max_bytes" not in tasks.read_text(encoding="utf-8")
    assert load_registry(registry_copy).plan.attachments_max_bytes == 20 * 1024 * 1024


def test_attachments_are_append_only_and_chained(disclose, files, direct_sql) -> None:
    disclose(*SUBMIT, "--attach", str(files[0]))
    for statement in ("UPDATE attachments SET name = 'other.pdf'", "DELETE FROM attachments"):
        with pytest.raises(Exception, match="append-only"):
            direct_sql(statement)
    assert direct_sql("SELECT tbl, row_id FROM chain ORDER BY seq") == [
        ("submissions", 1), ("attachments", 1)]


def test_verify_names_an_attachment_whose_bytes_were_changed(disclose, files, direct_sql,
                                                             ledger_location: str,
                                                             tmp_path: Path) -> None:
    disclose(*SUBMIT, "--attach", str(files[0]), "--attach", str(files[1]))
    if is_server(ledger_location):
        # what only the superuser can: the triggers skipped, the digest's CHECK dropped
        direct_sql("ALTER TABLE attachments DROP CONSTRAINT attachments_data_hashed")
        direct_sql("ALTER TABLE attachments DISABLE TRIGGER attachments_no_update")
        direct_sql("UPDATE attachments SET data = 'X'::bytea || substring(data from 2) "
                   "WHERE id = 1")
        direct_sql("ALTER TABLE attachments ENABLE TRIGGER attachments_no_update")
        # put back, as a careful intruder would (and the session's schema outlives the test)
        direct_sql("ALTER TABLE attachments ADD CONSTRAINT attachments_data_hashed "
                   "CHECK (sha256 = encode(pg_catalog.sha256(data), 'hex')) NOT VALID")
    else:
        (sql,), = direct_sql("SELECT sql FROM sqlite_master WHERE name = "
                             "'attachments_no_update'")
        direct_sql("DROP TRIGGER attachments_no_update")
        direct_sql("UPDATE attachments SET data = zeroblob(size) WHERE id = 1")
        direct_sql(sql)
    broken = disclose("db", "verify", code=1)
    assert broken.stderr.startswith("ledger broken: attachment #1 (报送表.pdf): its bytes do "
                                    "not match the size and SHA-256 the chain holds")
    # and the changed bytes are not handed out as the ones submitted
    refused = disclose("attachment", "1", "--out", str(tmp_path / "x.pdf"), code=1)
    assert "attachment #1 (报送表.pdf): its bytes do not match" in refused.stderr
    assert not (tmp_path / "x.pdf").exists()
    disclose("attachment", "2", "--out", str(tmp_path / "y.txt"))


def test_a_changed_name_breaks_the_chain(disclose, files, direct_sql,
                                         ledger_location: str) -> None:
    """The row's metadata is hashed into the chain (its bytes through their digest)."""
    disclose(*SUBMIT, "--attach", str(files[0]))
    disable = ("ALTER TABLE attachments DISABLE TRIGGER attachments_no_update"
               if is_server(ledger_location) else "DROP TRIGGER attachments_no_update")
    direct_sql(disable)
    try:
        direct_sql("UPDATE attachments SET name = 'other.pdf'")
    finally:
        if is_server(ledger_location):
            direct_sql("ALTER TABLE attachments ENABLE TRIGGER attachments_no_update")
    broken = disclose("db", "verify", code=1)
    assert broken.stderr.startswith("ledger broken: attachments #1 does not match its hash")


def test_copy_carries_attachments_both_ways_and_backup_too(disclose, files, tmp_path: Path,
                                                           ledger_location: str,
                                                           pg_server) -> None:
    disclose(*SUBMIT, "--attach", str(files[0]), "--attach", str(files[1]))
    first = tmp_path / "first.sqlite3"
    copied = disclose("db", "copy", "--to", str(first))
    assert "attachments 2" in copied.stdout
    with pg_server.fresh_schema() as url:
        disclose("--db", str(first), "db", "copy", "--to", url)
        back = tmp_path / "back.sqlite3"
        disclose("--db", url, "db", "copy", "--to", str(back))
        saved = tmp_path / "saved.sqlite3"
        disclose("--db", str(back), "db", "backup", str(saved))
        for n, location in enumerate((url, str(back), str(saved))):
            disclose("--db", location, "db", "verify")
            out = tmp_path / f"{n}.pdf"
            disclose("--db", location, "attachment", "1", "--out", str(out))
            assert out.read_bytes() == PAYLOAD
            with Ledger.open(location, for_writing=False) as ledger:
                assert [a.name for a in ledger.attachments_of([1])] == ["报送表.pdf",
                                                                       "empty.txt"]
    assert ledger_location  # copied from either backend


def test_a_refused_submission_keeps_no_attachment(disclose, files, ledger_rows) -> None:
    disclose(*SUBMIT, "--attach", str(files[0]))
    before = ledger_rows()
    # a revision received before what it revises is refused inside the transaction
    disclose(*SUBMIT[:-1], "2015-08-27", "--attach", str(files[0]), code=1)
    assert ledger_rows() == before


# ---------------------------------------------------------------- the server's rules


def run_as(url: str, *args: str) -> tuple[int, str, str]:
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCLOSE_")}
    env.update(DISCLOSE_LANG="en", NO_COLOR="1")
    done = subprocess.run([sys.executable, "-m", "qth_disclosure", "--db", url, *args],
                          capture_output=True, text=True, env=env)
    return done.returncode, done.stdout, done.stderr



@pytest.fixture
def server(pg_ledger):
    return pg_ledger


def test_a_liaison_attaches_to_its_own_units_report_as_it_submits_only(server,
                                                                       files) -> None:
    with server.login_role("wang", LIAISON, agencies=("czj",)) as wang:
        code, out, err = run_as(wang, *SUBMIT, "--attach", str(files[0]), "--format", "json")
        assert code == 0, err
        assert json.loads(out)["attachments"][0]["size"] == len(PAYLOAD)
    assert server.execute("SELECT count(*) FROM attachments") == [(1,)]
    # to its own unit's report, but afterwards, in a transaction of its own: refused
    with server.connect_as(LIAISON, agencies=("czj",)) as conn, \
            pytest.raises(Exception, match="row-level security"):
        conn.execute(
            "INSERT INTO attachments (submission, position, name, size, sha256, data, "
            "recorded_at, recorded_by) VALUES (1, 2, 'late.pdf', 1, %s, %s, "
            "'2015-08-28T09:30:00+08:00', 'wang')",
            [hashlib.sha256(b"x").hexdigest(), b"x"])
    # to another unit's report: refused too
    with server.connect_as(LIAISON, agencies=("sjj",)) as conn, \
            pytest.raises(Exception, match="row-level security"):
        conn.execute(
            "INSERT INTO attachments (submission, position, name, size, sha256, data, "
            "recorded_at, recorded_by) VALUES (1, 3, 'x.pdf', 1, %s, %s, "
            "'2015-08-28T09:30:00+08:00', 'li')", [hashlib.sha256(b"x").hexdigest(), b"x"])
    code, out, err = run_as(server.url, "db", "verify")
    assert code == 0, out + err


def test_the_server_refuses_bytes_that_do_not_match_their_digest(server, files) -> None:
    run_as(server.url, *SUBMIT)
    with pytest.raises(Exception, match="attachments_data_hashed"):
        server.execute(
            "INSERT INTO attachments (submission, position, name, size, sha256, data, "
            "recorded_at, recorded_by) VALUES (1, 1, 'x.pdf', 1, "
            f"'{hashlib.sha256(b'y').hexdigest()}', 'x'::bytea, "
            "'2015-08-28T09:30:00+08:00', 'wang')")
