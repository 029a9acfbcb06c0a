"""The one exception family of the core; the CLI turns it into a line on stderr.

Errors carry a catalogue key and parameters, not finished text, so the core stays free of
any notion of interface language; `message(lang)` renders them, as one line in which a
value's control characters, newlines included, show as escapes (qth_disclosure.escapes).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from qth_disclosure.escapes import one_line


class DiscloseError(Exception):
    """An error a person can fix; `message()` is the whole explanation, one line."""

    exit_code = 1

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def message(self, lang: str = "en") -> str:
        from qth_disclosure.i18n import t

        return one_line(t(lang, self.key, **self.params))

    def __str__(self) -> str:
        return self.message("en")


class Listed(NamedTuple):
    """Values a message names, each written by the catalogue's `key` and joined as the
    language joins a list: `czj (市财政局), rsj (市人社局)`, `czj（市财政局）、rsj（市人社局）`.
    The core names units and tasks this way; i18n.t writes them in the message's language."""

    key: str
    items: tuple[Mapping[str, Any], ...]

    def in_language(self, lang: str) -> str:
        from qth_disclosure.i18n import t

        return t(lang, "list_sep").join(t(lang, self.key, **item) for item in self.items)


class InputError(DiscloseError):
    """A value given on the command line is not valid."""


class LedgerError(DiscloseError):
    """The ledger cannot be opened or written."""


class Problem(NamedTuple):
    """One thing wrong in a registry file, with where it is."""

    file: str
    line: int | None
    key: str
    params: Mapping[str, Any] = MappingProxyType({})  # read-only: the default is shared

    def message(self, lang: str = "en") -> str:
        from qth_disclosure.i18n import t

        where = f"{self.file}:{self.line}" if self.line else self.file
        return one_line(f"{where}: {t(lang, self.key, **self.params)}")

    def __str__(self) -> str:
        return self.message("en")


class RegistryError(DiscloseError):
    """The registry files do not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("registry_invalid", count=len(problems))

    def message(self, lang: str = "en") -> str:
        from qth_disclosure.i18n import t

        first = self.problems[0].message(lang)
        if len(self.problems) == 1:
            return first
        return first + t(lang, "registry_more_problems", more=len(self.problems) - 1)
