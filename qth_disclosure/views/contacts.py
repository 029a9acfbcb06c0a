"""The people to reach at a unit (agencies.yaml `contacts`), as data and as one line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from qth_disclosure.registry import Contact


def contact_data(c: Contact) -> dict[str, Any]:
    return {"name": c.name, "phone": c.phone, "email": c.email, "login": c.login}


def contacts_text(contacts: Sequence[Contact]) -> str:
    """王芳 0464-8290001 wf@czj.gov.cn; 李明 …: what a person needs to phone or write."""
    return "; ".join(" ".join(part for part in (c.name, c.phone, c.email) if part)
                     for c in contacts)
