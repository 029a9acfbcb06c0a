"""Contacts in agencies.yaml: checked with file and line, shown in `agencies` and `todo`,
exported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qth_disclosure.registry import load_registry

CZJ = "    name_en: Qitaihe Municipal Finance Bureau\n    kind: bureau\n"


def with_contacts(registry_copy: Path, contacts: str) -> Path:
    path = registry_copy / "agencies.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(CZJ, CZJ + "    contacts:\n" + contacts, 1), encoding="utf-8")
    return registry_copy


PEOPLE = ("      - {name: 王芳, phone: 0464-8290001, email: wf@czj.example.gov.cn, login: wangf}\n"
          "      - {name: 李明, phone: \"(0464) 829 0002\"}\n")


def test_shipped_registry_names_nobody(registry) -> None:
    assert registry.contacts == ()


def test_contacts_loaded_in_order(registry_copy: Path) -> None:
    registry = load_registry(with_contacts(registry_copy, PEOPLE))
    assert [(c.agency, c.name, c.phone, c.email, c.login) for c in registry.contacts] == [
        ("czj", "王芳", "0464-8290001", "wf@czj.example.gov.cn", "wangf"),
        ("czj", "李明", "(0464) 829 0002", None, None)]
    # served from the cache the second time, the same
    assert load_registry(registry_copy).contacts == registry.contacts


def test_contacts_of_each_unit(registry_copy: Path) -> None:
    path = with_contacts(registry_copy, PEOPLE) / "agencies.yaml"
    text = path.read_text(encoding="utf-8")
    sjj = "    name_en: Qitaihe Municipal Audit Bureau\n    kind: bureau\n"
    assert sjj in text
    path.write_text(text.replace(sjj, sjj + "    contacts:\n      - {name: 赵亮}\n", 1),
                    encoding="utf-8")
    registry = load_registry(registry_copy)
    for a in registry.agencies:
        assert registry.contacts_of(a.code) == tuple(
            c for c in registry.contacts if c.agency == a.code)
    assert [c.name for c in registry.contacts_of("czj")] == ["王芳", "李明"]
    assert [c.name for c in registry.contacts_of("sjj")] == ["赵亮"]


@pytest.mark.parametrize(("entry", "message"), [
    ("      - {name: 王芳, fax: 1}\n", "unknown key 'fax' in agencies[3].contacts[1]"),
    ("      - {phone: 0464-8290001}\n", "agencies[3].contacts[1] is missing 'name'"),
    ("      - {name: 王芳, email: wf at czj}\n",
     "agencies[3].contacts[1].email is 'wf at czj', not one email address"),
    ("      - {name: 王芳, phone: call me}\n",
     "agencies[3].contacts[1].phone is 'call me', not a telephone number"),
])
def test_check_bad_contact(cli, registry_copy: Path, entry: str, message: str) -> None:
    with_contacts(registry_copy, entry)
    line = (registry_copy / "agencies.yaml").read_text(encoding="utf-8").splitlines().index(
        entry.rstrip("\n")) + 1
    result = cli("--registry", str(registry_copy), "check", code=1)
    assert f"agencies.yaml:{line}: {message}" in result.stdout + result.stderr


def test_agencies_shows_contacts(cli, registry_copy: Path) -> None:
    with_contacts(registry_copy, PEOPLE)
    shown = cli("--registry", str(registry_copy), "agencies").stdout
    assert "王芳 0464-8290001 wf@czj.example.gov.cn; 李明 (0464) 829 0002" in shown
    data = cli.json("--registry", str(registry_copy), "agencies")
    assert data[2]["contacts"][0] == {"name": "王芳", "phone": "0464-8290001",
                                      "email": "wf@czj.example.gov.cn", "login": "wangf"}
    assert data[3]["contacts"] == []
    csv = cli("--registry", str(registry_copy), "agencies", "--format", "csv").stdout
    assert "K2-1,王芳 0464-8290001 wf@czj.example.gov.cn; 李明 (0464) 829 0002" in csv


def test_agencies_without_contacts_has_no_column(cli) -> None:
    assert "contacts" not in cli("agencies").stdout.splitlines()[0]


def test_todo_shows_contacts(disclose, registry_copy: Path) -> None:
    with_contacts(registry_copy, PEOPLE)
    page = disclose("--registry", str(registry_copy), "todo", "-a", "czj", "--as-of",
                    "2015-10-05").stdout
    assert page.splitlines()[1] == ("Contacts: 王芳 0464-8290001 wf@czj.example.gov.cn; "
                                    "李明 (0464) 829 0002")
    data = disclose.json("--registry", str(registry_copy), "todo", "-a", "czj", "--as-of",
                         "2015-10-05")
    assert [c["name"] for c in data["contacts"]] == ["王芳", "李明"]


def test_export_json_holds_contacts(disclose, registry_copy: Path, tmp_path: Path) -> None:
    with_contacts(registry_copy, PEOPLE)
    out = tmp_path / "plan.json"
    disclose("--registry", str(registry_copy), "export", "--out", str(out), "--as-of",
             "2015-10-05")
    contacts = json.loads(out.read_text(encoding="utf-8"))["contacts"]
    assert contacts[1] == {"agency": "czj", "name": "李明", "phone": "(0464) 829 0002",
                           "email": None, "login": None}
