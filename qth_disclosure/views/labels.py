"""Words shared by every view."""

from __future__ import annotations

from collections.abc import Callable

Translate = Callable[..., str]


def deliverable_label(t: Translate, kind: str, task: str | None, period: str | None) -> str:
    """A deliverable as people name it: its kind, then the task and month where it has them
    (月报 K2-1 2015-08; 部门方案)."""
    return " ".join(v for v in (t(f"kind.{kind}"), task, period) if v)
