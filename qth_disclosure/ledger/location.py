"""What a ledger location names: an SQLite file path or a PostgreSQL URL, and how to show it.

Plain string work, importing no database driver: the backends and the command layer both
use it, so it sits below them.
"""

from __future__ import annotations

URL_SCHEMES = ("postgresql://", "postgres://")


def is_server(location: str) -> bool:
    """A PostgreSQL URL, rather than a file path."""
    return location.startswith(URL_SCHEMES)


def refuse_other_urls(location: str) -> None:
    """Any other scheme:// would otherwise become a directory named after the scheme."""
    scheme, separator, _ = location.partition("://")
    if separator and scheme.isidentifier() and not is_server(location):
        from qth_disclosure.errors import LedgerError

        raise LedgerError("ledger_bad_location", location=shown(location), scheme=scheme)


def shown(location: str) -> str:
    """`location` fit to print: a URL loses its password (in the address or the query)."""
    if not is_server(location):
        return location
    import re
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(location)
    except ValueError:  # not even a URL: hide whatever stands where a password would
        return re.sub(r"://[^@/]*@", "://***@", location)
    netloc = parts.netloc
    if parts.password is not None:
        netloc = netloc.replace(f":{parts.password}@", ":***@", 1)
    query = re.sub(r"(^|&)password=[^&]*", r"\1password=***", parts.query)
    return urlunsplit(parts._replace(netloc=netloc, query=query))
