"""What one run of `disclose` works with: chosen registry, ledger, language, today."""

from __future__ import annotations

import os
import pwd
import sys
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qth_disclosure import calendar
from qth_disclosure.i18n import t

if TYPE_CHECKING:  # the core loads when a command needs it, not when `--help` runs
    from qth_disclosure.core.roles import Roster
    from qth_disclosure.ledger import Ledger, Stamp
    from qth_disclosure.registry import Registry


class Session:
    def __init__(self, registry_dir: Path, ledger_location: str, lang: str, *,
                 ledger_given: bool = True) -> None:
        self.registry_dir = registry_dir
        self.ledger_location = ledger_location
        # named by --db or DISCLOSE_DB (paths.resolve_ledger), not the default location
        self.ledger_given = ledger_given
        self.lang = lang

    @cached_property
    def registry(self) -> Registry:
        from qth_disclosure.registry import load_registry

        return load_registry(self.registry_dir)

    def ledger(self, *, for_writing: bool = False) -> Ledger:
        """The run's ledger. A location given by --db or DISCLOSE_DB must hold one already;
        the default location, until it does, reads as an empty ledger, and the first write
        creates it there and says so on stderr."""
        from qth_disclosure.ledger import Ledger

        if self.ledger_given:
            return Ledger.open(self.ledger_location, for_writing=for_writing)
        return Ledger.open(self.ledger_location, for_writing=for_writing,
                           missing="create_on_write", parents=True,
                           on_create=self._announce_created)

    def existing_ledger(self, *, for_writing: bool = False) -> Ledger:
        """The ledger, which must exist wherever it is (the `db` commands' own)."""
        from qth_disclosure.ledger import Ledger

        return Ledger.open(self.ledger_location, for_writing=for_writing)

    def new_ledger(self) -> Ledger:
        """`db init`: the ledger at the location, created if there is none; a location given
        must be in a directory that exists, the default one gets its directories made."""
        from qth_disclosure.ledger import Ledger

        return Ledger.open(self.ledger_location, for_writing=True, missing="create",
                           parents=not self.ledger_given)

    def _announce_created(self, location: str) -> None:
        sys.stderr.write(self.t("ledger_created_default", location=location) + "\n")

    def t(self, key: str, **params: Any) -> str:
        return t(self.lang, key, **params)

    def today(self) -> date:
        return calendar.today(self.registry.plan.timezone)

    def now(self) -> datetime:
        return calendar.now(self.registry.plan.timezone)

    def day(self, text: str | None, option: str) -> date:
        """A date option as given, or today in the plan's time zone."""
        # an empty value given is a bad date, not "today"
        return self.today() if text is None else calendar.parse_date(text, option)

    def stamp(self, by: str | None, ledger: Ledger, *, note: bool = True) -> Stamp:
        """Who writes a row and when: --by as given (else the login), and the login itself.

        Only a coordinator may write in another's name, once roles are listed. The last
        check of every write: with `note`, a write going ahead under a roster agencies.yaml
        does not match says so (`_note_unpinned`).
        """
        from qth_disclosure.core import roles
        from qth_disclosure.ledger import Stamp

        login = self.user()
        roster = self.roster(ledger)
        roles.check_by(roster, login, by)
        if note:
            self._note_unpinned(roster)
        return Stamp(self.now(), by or login, login)

    def stamp_unchecked(self) -> Stamp:
        """The login's own stamp, for a ledger's first row (its roster, `db init`)."""
        from qth_disclosure.ledger import Stamp

        return Stamp(self.now(), self.user(), self.user())

    def may_write_for(self, unit: str, ledger: Ledger) -> None:
        from qth_disclosure.core import roles

        roles.check_unit(self.roster(ledger), self.registry, self.user(), unit)

    def may_decide(self, action: str, ledger: Ledger) -> None:
        from qth_disclosure.core import roles

        roles.check_office(self.roster(ledger), self.user(), action)

    def _note_unpinned(self, roster: Roster) -> None:
        """Say on stderr that agencies.yaml's roster is not the pinned one (or that none is
        pinned), so the office pins the one it means: the pinned one is what is checked."""
        listed = self.registry_roster()
        if roster.pinned is None and listed.active:
            sys.stderr.write(self.t("roster_not_pinned") + "\n")
        elif roster.pinned is not None and listed.to_text() != roster.to_text():
            sys.stderr.write(self.t("roster_differs", id=roster.pinned) + "\n")

    def roster(self, ledger: Ledger) -> Roster:
        """Who may write what: the roster pinned in the ledger, or, until one is, the one
        agencies.yaml lists (core.roles)."""
        return roster_in_force(self.registry, ledger)

    def registry_roster(self) -> Roster:
        """The roster agencies.yaml lists (in force only until one is pinned)."""
        from qth_disclosure.core.roles import Roster

        return Roster.of(self.registry)

    @staticmethod
    def user() -> str:
        """The OS login of the effective user; the environment cannot change it."""
        try:
            return pwd.getpwuid(os.geteuid()).pw_name
        except KeyError:  # an arbitrary uid without a passwd entry, e.g. in a container
            return f"uid{os.geteuid()}"


def roster_in_force(registry: Registry, ledger: Ledger) -> Roster:
    """The roster the ledger pins last, else the registry's; a pinned row the tool could
    not have written is named, not guessed at."""
    from qth_disclosure.core.roles import Roster

    pinned = ledger.pinned_roster()
    if pinned is None:
        return Roster.of(registry)
    try:
        return Roster.from_text(pinned.roster, pinned.id)
    except ValueError:
        raise ledger.unreadable_row("rosters", pinned.id, "roster", pinned.roster) from None
