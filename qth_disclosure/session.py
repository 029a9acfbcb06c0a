"""What one run of `disclose` works with: chosen registry, ledger, language, today."""

from __future__ import annotations

import os
import pwd
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qth_disclosure import calendar
from qth_disclosure.i18n import t

if TYPE_CHECKING:  # the core loads when a command needs it, not when `--help` runs
    from qth_disclosure.ledger import Ledger, Stamp
    from qth_disclosure.registry import Registry


class Session:
    def __init__(self, registry_dir: Path, ledger_location: str, lang: str) -> None:
        self.registry_dir = registry_dir
        self.ledger_location = ledger_location
        self.lang = lang

    @cached_property
    def registry(self) -> Registry:
        from qth_disclosure.registry import load_registry

        return load_registry(self.registry_dir)

    def ledger(self, *, for_writing: bool = False) -> Ledger:
        from qth_disclosure.ledger import Ledger

        return Ledger.open(self.ledger_location, for_writing=for_writing)

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

    def stamp(self, by: str | None) -> Stamp:
        """Who writes a row and when: --by as given (else the login), and the login itself.

        Only a coordinator may write in another's name, once roles are listed.
        """
        from qth_disclosure.core import roles
        from qth_disclosure.ledger import Stamp

        login = self.user()
        roles.check_by(self.registry, login, by)
        return Stamp(self.now(), by or login, login)

    def may_write_for(self, unit: str) -> None:
        from qth_disclosure.core import roles

        roles.check_unit(self.registry, self.user(), unit)

    def may_decide(self, action: str) -> None:
        from qth_disclosure.core import roles

        roles.check_office(self.registry, self.user(), action)

    @staticmethod
    def user() -> str:
        """The OS login of the effective user; the environment cannot change it."""
        try:
            return pwd.getpwuid(os.geteuid()).pw_name
        except KeyError:  # an arbitrary uid without a passwd entry, e.g. in a container
            return f"uid{os.geteuid()}"
