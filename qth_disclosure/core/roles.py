"""Who may write what: the roster of coordinators and liaisons, and the checks on it.

A unit's liaisons write for their own unit (reports, applications); the office's
coordinators write for any unit, decide (review, inspect, bulletin), and alone may record
a row in someone else's name (`--by`, for a paper or fax submission). With nobody listed,
as in the shipped registry, nothing is checked. The login name comes from the operating
system, not from the environment, so `USER=someone disclose ...` changes nothing.

The roster in force is the one pinned in the ledger (`db init`, `db roster --pin`): the
people it checks cannot change it by pointing `--registry` at a copy of agencies.yaml that
names them. Until one is pinned, agencies.yaml's roster applies.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from qth_disclosure.errors import DiscloseError
from qth_disclosure.registry import Registry


class RoleError(DiscloseError):
    """The user may not do this; nothing was written."""


class Roster(NamedTuple):
    coordinators: tuple[str, ...]
    liaisons: tuple[tuple[str, tuple[str, ...]], ...]  # (unit code, logins), units in order
    pinned: int | None = None  # the ledger's rosters row it was read from; None: agencies.yaml

    @classmethod
    def of(cls, registry: Registry) -> Roster:
        """The roster agencies.yaml lists."""
        return cls(tuple(registry.coordinators),
                   tuple((a.code, tuple(a.liaisons)) for a in registry.agencies if a.liaisons))

    @property
    def active(self) -> bool:
        """Checks apply once anybody is listed."""
        return bool(self.coordinators or self.liaisons)

    def liaisons_of(self, unit: str) -> tuple[str, ...]:
        return next((logins for code, logins in self.liaisons if code == unit), ())

    def to_text(self) -> str:
        """Canonical JSON: the same roster always gives the same text (and hash)."""
        return json.dumps({"coordinators": list(self.coordinators),
                           "liaisons": {code: list(logins) for code, logins in self.liaisons}},
                          ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_text(cls, text: str, pinned: int | None = None) -> Roster:
        """The roster `to_text` wrote; ValueError for anything else."""
        try:
            data = json.loads(text)
            roster = cls(tuple(data["coordinators"]),
                         tuple((code, tuple(logins))
                               for code, logins in data["liaisons"].items()), pinned)
        except (TypeError, KeyError, AttributeError, RecursionError) as exc:
            raise ValueError(f"not a roster: {exc}") from exc
        if roster.to_text() != text:  # written by hand, not by the tool
            raise ValueError("not a roster in canonical form")
        return roster

    @property
    def source(self) -> str:
        """Where the roster in force comes from, for a refusal's message."""
        return "agencies.yaml" if self.pinned is None else f"db roster #{self.pinned}"


def check_unit(roster: Roster, registry: Registry, user: str, unit: str) -> None:
    if not roster.active or user in roster.coordinators:
        return
    liaisons = roster.liaisons_of(registry.agency(unit).code)
    if user not in liaisons:
        raise RoleError("not_liaison", user=user, unit=registry.units(registry.agency(unit).code),
                        liaisons=", ".join(liaisons) or "-",
                        coordinators=", ".join(roster.coordinators) or "-",
                        roster=roster.source)


def check_office(roster: Roster, user: str, action: str) -> None:
    if roster.active and user not in roster.coordinators:
        raise RoleError("not_coordinator", user=user, action=action,
                        coordinators=", ".join(roster.coordinators) or "-",
                        roster=roster.source)


def check_by(roster: Roster, user: str, by: str | None) -> None:
    if roster.active and by and by != user and user not in roster.coordinators:
        raise RoleError("by_needs_coordinator", user=user, by=by,
                        coordinators=", ".join(roster.coordinators) or "-",
                        roster=roster.source)
