"""Files attached to submissions: their bytes checked against what the chain holds.

The chain hashes an attachment's row with its SHA-256 and size in place of its bytes
(chain.UNHASHED_COLUMNS), so a walk of the chain never reads a file; what the bytes must
be is then the digest's to say. `db verify` (and `db copy`, before its copy commits) reads
each attachment's bytes, one at a time, and hashes them.
"""

from __future__ import annotations

import hashlib

from qth_disclosure.ledger import cells
from qth_disclosure.ledger.backend import Backend
from qth_disclosure.ledger.chain import Break


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tampered(b: Backend) -> Break | None:
    """The first attachment whose bytes are not those its size and SHA-256 name."""
    ids = [int(r[0]) for r in b.execute("SELECT id FROM attachments ORDER BY id").fetchall()]
    with b.reading_raw_text():
        for attachment_id in ids:
            found = b.execute("SELECT name, size, sha256, data FROM attachments WHERE id = ?",
                              [attachment_id]).fetchone()
            if found is None:  # gone since the ids were read: the chain's walk names it
                continue
            name, size, sha256, data = found
            if not isinstance(data, bytes | bytearray | memoryview) or (
                    len(data) != size or digest(bytes(data)) != sha256):
                return Break("attachment_changed", {"id": attachment_id,
                                                    "name": name if isinstance(name, str)
                                                    else cells.shown(name)})
    return None
