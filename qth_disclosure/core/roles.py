"""Who may write what, once agencies.yaml names liaisons and coordinators.

A unit's liaisons write for their own unit (reports, applications); the office's
coordinators write for any unit, decide (review, inspect, bulletin), and alone may record
a row in someone else's name (`--by`, for a paper or fax submission). With nobody listed,
as in the shipped registry, nothing is checked. The login name comes from the operating
system, not from the environment, so `USER=someone disclose ...` changes nothing.
"""

from __future__ import annotations

from qth_disclosure.errors import DiscloseError
from qth_disclosure.registry import Registry


class RoleError(DiscloseError):
    """The user may not do this; nothing was written."""


def check_unit(registry: Registry, user: str, unit: str) -> None:
    if not registry.roles_active or user in registry.coordinators:
        return
    agency = registry.agency(unit)
    if user not in agency.liaisons:
        raise RoleError("not_liaison", user=user, unit=registry.label(unit),
                        liaisons=", ".join(agency.liaisons) or "-",
                        coordinators=", ".join(registry.coordinators) or "-")


def check_office(registry: Registry, user: str, action: str) -> None:
    if registry.roles_active and user not in registry.coordinators:
        raise RoleError("not_coordinator", user=user, action=action,
                        coordinators=", ".join(registry.coordinators) or "-")


def check_by(registry: Registry, user: str, by: str | None) -> None:
    if registry.roles_active and by and by != user and user not in registry.coordinators:
        raise RoleError("by_needs_coordinator", user=user, by=by,
                        coordinators=", ".join(registry.coordinators) or "-")
