"""What a ledger location names: an SQLite file path or a PostgreSQL URL, and how to show it.

Plain string work, importing no database driver: the backends and the command layer both
use it, so it sits below them. Only two forms are ledger locations; everything that SQLite
or libpq would read some other way (an SQLite URI, `:memory:`, a libpq `key=value` string,
another scheme's URL) is refused here, before anything is opened or created.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qth_disclosure.errors import LedgerError

URL_SCHEMES = ("postgresql://", "postgres://")
# a libpq connection string starts with a keyword and `=`: `host=db dbname=ledger ...`
_CONNINFO = re.compile(r"\s*[A-Za-z_][A-Za-z0-9_]*\s*=")
# one `key = value` of a connection string; a value is 'quoted' (with \' escapes) or a word
_PAIR = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(\s*=\s*)('(?:[^'\\]|\\.)*'?|(?:[^\s\\]|\\.)*)")
# where libpq splits an address into its parts: a password written without percent-encoding
# may be cut at any of these, and each piece may then be quoted in an error
_SEPARATORS = re.compile(r"[@/:?&=,#\s]")
MASK = "***"


def is_server(location: str) -> bool:
    """A PostgreSQL URL, rather than a file path."""
    return location.startswith(URL_SCHEMES)


def check(location: str) -> None:
    """Refuse a location that is neither a plain file path nor a postgresql:// URL.

    SQLite would open `file:...` as a URI (this build reads every such name as one) and
    `:memory:` as a database that keeps nothing; a libpq `key=value` string would become a
    file named after it, password and all; any other scheme:// a directory named after the
    scheme.
    """
    refused = _refusal(location)
    if refused is not None:
        raise refused


def is_plain_path(location: str) -> bool:
    """A file path that nothing would read as an address or a URI."""
    return not is_server(location) and _refusal(location) is None


def _refusal(location: str) -> LedgerError | None:
    from qth_disclosure.errors import LedgerError

    if is_server(location):
        return None
    if location == ":memory:" or location[:5].lower() == "file:":
        return LedgerError("ledger_sqlite_uri", location=location)
    if _CONNINFO.match(location):
        return LedgerError("ledger_conninfo", location=shown(location))
    scheme, separator, _ = location.partition("://")
    if separator and scheme.isidentifier():
        return LedgerError("ledger_bad_location", location=shown(location), scheme=scheme)
    return None


def shown(location: str) -> str:
    """`location` fit to print: whatever could be a password becomes ***.

    A URL loses the password of its user (everything from the first `:` of the user part
    to the last `@`, so that one written with `@`, `/`, `?` or `#` in it, which libpq
    would split, is hidden whole) and the value of a `password` query parameter, its name
    percent-encoded or not; a libpq `key=value` string loses its `password` value.
    """
    if is_server(location):
        return _shown_url(location)
    if _CONNINFO.match(location):
        return _PAIR.sub(_masked_pair, location)
    return location


def secrets(location: str) -> list[str]:
    """Every text in `location` that may be a password, longest first, as written and
    decoded, and the pieces libpq would cut one into: what an error message from the
    driver must not quote."""
    from urllib.parse import unquote

    if is_server(location):
        found = {location[start:end] for start, end in _password_spans(location)}
    elif _CONNINFO.match(location):
        found = {pair[3].strip("'") for pair in _PAIR.finditer(location) if _secret(pair)}
    else:
        found = set()
    spellings = {s for secret in found for s in (secret, unquote(secret))}
    pieces = {p for s in spellings for p in _SEPARATORS.split(s)}
    return sorted(filter(None, spellings | pieces), key=lambda s: (-len(s), s))


# a query parameter's name: after `?` or `&`, up to its `=`
_PARAMETER = re.compile(r"[?&]([^?&=@/]*)=")
_NEXT_PARAMETER = re.compile(r"&[^&=]*=")


def _password_spans(url: str) -> list[tuple[int, int]]:
    """Where a URL may hold a password, as (start, end) offsets.

    Both readings at once, as a password written without percent-encoding makes the
    address ambiguous: the user's password runs from the first `:` after `://` to the
    last `@`, and a `password` parameter's value from its `=` to the next `&name=`.
    """
    from urllib.parse import unquote

    begin = url.index("://") + 3
    spans = []
    colon, at = url.find(":", begin), url.rfind("@")
    if begin <= colon < at:
        spans.append((colon + 1, at))
    for parameter in _PARAMETER.finditer(url, begin):
        if unquote(parameter[1]).strip().lower() == "password":
            following = _NEXT_PARAMETER.search(url, parameter.end())
            spans.append((parameter.end(), following.start() if following else len(url)))
    return spans


def _shown_url(url: str) -> str:
    out, done = [], 0
    for start, end in sorted(_password_spans(url)):
        if end <= done:
            continue
        out += [url[done:max(start, done)], MASK]
        done = end
    return "".join([*out, url[done:]])


def _secret(pair: re.Match[str]) -> bool:
    """A `password`, or a `dbname` that is itself a connection string or URL (libpq expands
    one), which may hold one."""
    value = pair[3].strip("'")
    return pair[1].lower() == "password" or (
        pair[1].lower() == "dbname" and ("=" in value or "@" in value))


def _masked_pair(pair: re.Match[str]) -> str:
    if _secret(pair):
        return f"{pair[1]}{pair[2]}{MASK}"
    return pair[0]
