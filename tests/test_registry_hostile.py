"""Hostile registries and a hostile cache: whatever the bytes, `check` names every problem
as file:line, other commands refuse in one line, and nothing hangs, crashes or runs code."""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import Disclose

from qth_disclosure.registry import Registry, cache, load_registry
from qth_disclosure.registry.reading import MAX_FILE_BYTES

LAW_DAYS = "    answer_working_days: 15 "
NOT_DAYS = "law_profiles[1].answer_working_days must be a whole number of days from 1 to 366, not "
# (file, text in the shipped file, what it becomes, the message); the problem stands on
# the line where the change starts
HOSTILE = {
    "impossible-date": ("tasks.yaml", "issued_on: 2015-07-24", "issued_on: 2015-02-30",
                        "plan.issued_on is 2015-02-30, which is not a real date"),
    "year-zero": ("tasks.yaml", "issued_on: 2015-07-24", "issued_on: 0000-01-01",
                  "plan.issued_on is 0000-01-01, which is not a real date"),
    "datetime": ("tasks.yaml", "end: 2015-07-31", "end: 2015-07-31 09:30:00",
                 "phases[1].end must be a date YYYY-MM-DD without a time of day, not "
                 "2015-07-31 09:30:00"),
    "datetime-zone": ("tasks.yaml", "effective_from: 2008-05-01", "effective_from: "
                      "2008-05-01T00:00:00+08:00", "law_profiles[1].effective_from must be a "
                      "date YYYY-MM-DD without a time of day"),
    "impossible-offset": ("tasks.yaml", "start: 2015-07-24", "start: 2015-07-24T10:00:00+99:00",
                          "phases[1].start is 2015-07-24T10:00:00+99:00, which is not a real"),
    "complex-key": ("tasks.yaml", "plan:\n", "? [a, b]\n: c\nplan:\n",
                    "unknown key \"['a', 'b']\" in tasks.yaml"),
    "5000-digits": ("tasks.yaml", LAW_DAYS, "    answer_working_days: " + "9" * 5000 + " ",
                    NOT_DAYS + "'99999"),
    "beyond-64-bits": ("tasks.yaml", LAW_DAYS, "    answer_working_days: 36893488147419103232 ",
                       NOT_DAYS + "'36893488147419103232'"),
    "base-60": ("tasks.yaml", LAW_DAYS, "    answer_working_days: " + "1:" * 200_000 + "1 ",
                NOT_DAYS + "'1:1:1:"),
    "bad-int-tag": ("tasks.yaml", LAW_DAYS, "    answer_working_days: !!int 09 ",
                    NOT_DAYS + "'09'"),
    "bad-bool-tag": ("tasks.yaml", LAW_DAYS, "    answer_working_days: !!bool maybe ",
                     NOT_DAYS + "'maybe'"),
    "bad-date-tag": ("tasks.yaml", "issued_on: 2015-07-24", "issued_on: !!timestamp soon",
                     "plan.issued_on is soon, which is not a real date"),
    "python-tag": ("tasks.yaml", "  id: qth-2015", "  id: !!python/object/apply:os.system [id]",
                   "YAML syntax error: could not determine a constructor for the tag "
                   "'tag:yaml.org,2002:python/object/apply:os.system'"),
    "deep-nesting": ("tasks.yaml", "  id: qth-2015", "  id: " + "[" * 300 + "]" * 300,
                     "values nested more than 32 levels deep"),
    "nul": ("tasks.yaml", "  id: qth-2015", "  id: qth\x00-2015",
            "the character U+0000 is not allowed in YAML"),
    "not-utf8": ("tasks.yaml", "  id: qth-2015", "  id: qth\udcff-2015",
                 "the file is not UTF-8 text (byte 0xff)"),
    "escape-sequence": ("tasks.yaml", "issued_on: 2015-07-24",
                        'issued_on: !!timestamp "\\e[2J\\n"',
                        "plan.issued_on is \\x1b[2J\\n, which is not a real date"),
    "huge-value": ("tasks.yaml", "office: szfb", "office: " + "x" * 1_000_000,
                   "unknown agency code 'xxxxxxxx"),
}


class Hung(Exception):  # not an OSError, which the code under test handles
    pass


@contextmanager
def no_hang(seconds: int = 10) -> Iterator[None]:
    """Fail instead of waiting forever on a FIFO or /dev/zero."""
    def expire(*_: object) -> None:
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def cli() -> Disclose:
    return Disclose()  # the registry is refused before any ledger is opened


def _refused_everywhere(cli: Disclose, registry: Path, where: str, message: str) -> None:
    """`check` prints the problem at `where`, every line a problem; status refuses in one."""
    with no_hang():
        checked = cli("--registry", str(registry), "check", code=1)
        refused = cli("--registry", str(registry), "status", "--as-of", "2015-09-10", code=1)
    assert f"{where}: {message}" in checked.stdout, checked.stdout[:2000]
    assert all(line.startswith(f"{registry}/") and len(line) < 400
               for line in checked.stdout.splitlines())
    assert refused.stdout == "" and refused.stderr.count("\n") == 1
    assert f"{where}: {message}" in refused.stderr


@pytest.mark.parametrize("case", HOSTILE)
def test_check_hostile_value_named_at_its_line(cli: Disclose, registry_copy: Path,
                                               case: str) -> None:
    name, old, new, message = HOSTILE[case]
    path = registry_copy / name
    text = path.read_text(encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    path.write_bytes(text.replace(old, new, 1).encode("utf-8", "surrogateescape"))
    _refused_everywhere(cli, registry_copy, f"{path}:{line}", message)


@pytest.mark.parametrize(("name", "content", "keys"), [
    ("tasks.yaml", "", "plan, phases, monthly_reporting, sections, tasks"),
    ("tasks.yaml", "# the plan goes here\n\n", "plan, phases, monthly_reporting, sections, tasks"),
    ("tasks.yaml", "~\n", "plan, phases, monthly_reporting, sections, tasks"),
    ("agencies.yaml", "", "agencies"),
], ids=["empty", "comments-only", "null", "empty-agencies"])
def test_check_empty_file_names_the_keys_it_needs(cli: Disclose, registry_copy: Path, name: str,
                                                  content: str, keys: str) -> None:
    path = registry_copy / name
    path.write_text(content, encoding="utf-8")
    _refused_everywhere(cli, registry_copy, str(path),
                        f"the file holds no data; it needs the top-level keys {keys}")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


SPECIAL = {  # what takes the place of tasks.yaml
    "fifo": (_fifo, "this is a FIFO, device or socket, not a regular file"),
    "dev-zero": (lambda p: p.symlink_to("/dev/zero"), "this is a FIFO, device or socket"),
    "directory": (Path.mkdir, "this is a directory; the registry reads only regular files"),
    "too-large": (lambda p: p.write_bytes(b"#" * (MAX_FILE_BYTES + 1)),
                  f"the file is {MAX_FILE_BYTES + 1} bytes; a registry file may be at most 4 MiB"),
}


@pytest.mark.parametrize("case", SPECIAL)
def test_check_refuses_what_is_not_a_regular_file(cli: Disclose, registry_copy: Path,
                                                   case: str) -> None:
    make, message = SPECIAL[case]
    path = registry_copy / "tasks.yaml"
    path.unlink()
    make(path)
    _refused_everywhere(cli, registry_copy, str(path), message)


def test_check_bom_and_crlf_read_as_written(cli: Disclose, registry_copy: Path) -> None:
    path = registry_copy / "tasks.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    cli("--registry", str(registry_copy), "check")
    line = text[:text.index("office: szfb")].count("\n") + 1
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("office: szfb", "office: nobody")
                     .replace("\n", "\r\n").encode())
    _refused_everywhere(cli, registry_copy, f"{path}:{line}", "unknown agency code 'nobody'")


# ---------------------------------------------------------------- the cache


def _entry(directory: Path) -> Path:
    files = {n: (directory / n).read_bytes() for n in ("agencies.yaml", "tasks.yaml")}
    return cache.cache_dir() / cache.entry_name(cache.key(directory, files))


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The registries parsed and validated, i.e. not served from the cache."""
    from qth_disclosure.registry import load

    seen: list[Path] = []
    validate = load.check_registry

    def counted(directory: Path, files: object = None) -> object:
        seen.append(directory)
        return validate(directory, files)  # type: ignore[arg-type]

    monkeypatch.setattr(load, "check_registry", counted)
    return seen


def _flip_a_byte(entry: Path) -> None:
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0x01  # still JSON, most likely, but not the registry stored
    entry.write_bytes(bytes(data))


DAMAGE = {
    "truncated": lambda e: e.write_bytes(e.read_bytes()[: e.stat().st_size // 2]),
    "empty": lambda e: e.write_bytes(b""),
    "garbage": lambda e: e.write_bytes(os.urandom(4096)),
    "flipped-byte": _flip_a_byte,
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_registry_cache_damaged_entry_rebuilt_silently(
        registry_copy: Path, validations: list[Path], damage: str) -> None:
    fresh = load_registry(registry_copy)
    DAMAGE[damage](_entry(registry_copy))
    assert load_registry(registry_copy) == fresh
    assert load_registry(registry_copy) == fresh  # served by the rewritten entry
    assert len(validations) == 2


def _elsewhere_copy(entry: Path) -> None:
    """A valid entry in another directory, linked to: not the user's cache, not followed."""
    target = entry.parent.parent / "elsewhere.json"
    target.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(target)


IN_ITS_PLACE = {
    "fifo": lambda e: (e.unlink(), os.mkfifo(e)),
    "dev-zero": lambda e: (e.unlink(), e.symlink_to("/dev/zero")),
    "directory": lambda e: (e.unlink(), e.mkdir()),
    "link-to-a-valid-entry": _elsewhere_copy,
    "writable-by-others": lambda e: e.chmod(0o666),
    "directory-writable-by-others": lambda e: e.parent.chmod(0o777),
    "another-users-entry": lambda e: os.chown(e, os.geteuid() + 1, -1),
}


@pytest.mark.parametrize("case", IN_ITS_PLACE)
def test_registry_cache_untrusted_entry_passed_over(
        registry_copy: Path, validations: list[Path], case: str) -> None:
    if case == "another-users-entry" and os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    fresh = load_registry(registry_copy)
    IN_ITS_PLACE[case](_entry(registry_copy))
    with no_hang():
        assert load_registry(registry_copy) == fresh
    assert len(validations) == 2


def test_registry_cache_of_another_user_passed_over(
        registry_copy: Path, validations: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    load_registry(registry_copy)
    monkeypatch.setattr(os, "geteuid", lambda: 4242)  # the cache is now someone else's
    load_registry(registry_copy)
    load_registry(registry_copy)  # and nothing was written into it for the next run
    assert len(validations) == 3


class _Plant:
    """Unpickling this creates a file: what a planted pickle could do instead."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.touch, (self.marker,))


def test_registry_cache_planted_pickle_never_runs(registry_copy: Path, tmp_path: Path) -> None:
    load_registry(registry_copy)
    entry = _entry(registry_copy)
    marker = tmp_path / "ran"
    payload = pickle.dumps(_Plant(marker))
    entry.write_bytes(payload)
    entry.with_suffix(".pickle").write_bytes(payload)
    assert isinstance(load_registry(registry_copy), Registry)
    assert not marker.exists()


def test_check_suggests_codes_for_the_first_unknown_ones_only(cli: Disclose,
                                                              registry_copy: Path) -> None:
    """Each suggestion compares a code with every unit's; thousands would take minutes."""
    path = registry_copy / "tasks.yaml"
    codes = ", ".join(f"czj{i}" for i in range(60))
    path.write_text(path.read_text(encoding="utf-8").replace("lead: [czj]", f"lead: [{codes}]"),
                    encoding="utf-8")
    out = cli("--registry", str(registry_copy), "check", code=1).stdout
    assert out.count("unknown agency code 'czj") == 60
    assert out.count("; did you mean czj?") == 50
