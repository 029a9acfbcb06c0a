"""Words shared by every view."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from qth_disclosure.ledger import Attachment
from qth_disclosure.registry import Registry

Translate = Callable[..., str]


def remembered(t: Translate) -> Translate:
    """`t`, each message without parameters looked up once: a province's report names a
    kind of deliverable or a severity on each of 175,000 lines."""
    known: dict[str, str] = {}

    def translate(key: str, **params: Any) -> str:
        if params:
            return t(key, **params)
        found = known.get(key)
        if found is None:
            found = known[key] = t(key)
        return found

    return translate


def unit_label(t: Translate, registry: Registry, code: str) -> str:
    """A unit by its code and name, punctuated as the language punctuates: czj (市财政局),
    czj（市财政局）."""
    return t("unit.label", code=code, name=registry.agency(code).name)


def law_name(registry: Registry, profile: str) -> str:
    """A law profile as the registry names it (中华人民共和国政府信息公开条例（国务院令第492号）),
    its id where the registry no longer has it."""
    return next((law.name for law in registry.law_profiles if law.id == profile), profile)


def deliverable_label(t: Translate, kind: str, task: str | None, period: str | None) -> str:
    """A deliverable as people name it: its kind, then the task and month where it has them
    (月报 K2-1 2015-08; 部门方案)."""
    return " ".join(v for v in (t(f"kind.{kind}"), task, period) if v)


def attached_data(files: Sequence[Attachment]) -> list[dict[str, Any]]:
    return [{"id": a.id, "name": a.name, "size": a.size, "sha256": a.sha256} for a in files]


def attachment_label(t: Translate, a: Attachment) -> str:
    """An attachment as a listing shows it: its number (for `disclose attachment`), name,
    size and the start of its SHA-256."""
    return t("history.attachment_file", id=a.id, name=a.name, size=f"{a.size:,}",
             sha256=a.sha256[:12])
