"""The ledger's row classes behave as frozen dataclasses, though made without `exec`."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from datetime import date

import pytest

from qth_disclosure.ledger import NewAttachment, NewVoid, Submission, Void
from qth_disclosure.ledger.rowclass import row

DAY = date(2015, 8, 28)


def _submission(**changes: object) -> Submission:
    given = {"plan": "p", "kind": "monthly", "agency": "czj", "task": "K2-1",
             "period": "2015-08", "received_on": DAY, "summary": "公开了", "id": 7}
    return Submission(**{**given, **changes})  # type: ignore[arg-type]


def test_rows_compare_and_hash_by_value_within_their_class() -> None:
    a, b = _submission(), _submission()
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != _submission(id=8) and a != _submission(links=("https://example.org",))
    # a row read back is not the row as written, even with the same leading fields
    assert NewVoid(1, "typo", DAY) != Void(1, "typo", DAY)


def test_rows_are_frozen() -> None:
    done = _submission()
    with pytest.raises(dataclasses.FrozenInstanceError):
        done.id = 9  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del done.summary


def test_rows_keep_the_dataclass_api() -> None:
    done = _submission()
    assert [f.name for f in dataclasses.fields(Void)] == [
        "submission", "reason", "voided_on", "id", "recorded_at", "recorded_by", "login"]
    assert dataclasses.replace(done, id=9) == _submission(id=9)
    assert dataclasses.asdict(Void(1, "typo", DAY))["reason"] == "typo"
    assert copy.deepcopy(done) == done and pickle.loads(pickle.dumps(done)) == done
    assert done.key == ("monthly", "czj", "K2-1", "2015-08")  # the base class's property


def test_rows_are_constructed_as_dataclasses_are() -> None:
    assert Submission("p", "plan", "czj", None, None, DAY, "s") == _submission(
        kind="plan", task=None, period=None, summary="s", id=0)
    with pytest.raises(TypeError, match="voided_on"):
        Void(1, "typo")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Void(1, "typo", DAY, 5, "", "", "", "extra")  # type: ignore[call-arg]


def test_rows_repr_as_dataclasses_do() -> None:
    assert repr(Void(1, "typo", DAY)) == ("Void(submission=1, reason='typo', voided_on="
                                          "datetime.date(2015, 8, 28), id=0, "
                                          "recorded_at='', recorded_by='', login='')")
    # a field marked repr=False (an attachment's bytes) is left out
    assert repr(NewAttachment("a.pdf", 3, "ab", b"pdf")) == (
        "NewAttachment(name='a.pdf', size=3, sha256='ab')")


def test_row_refuses_what_it_does_not_make() -> None:
    with pytest.raises(TypeError, match="plain defaults"):
        @row
        class Listed:
            items: list[str] = dataclasses.field(default_factory=list)
