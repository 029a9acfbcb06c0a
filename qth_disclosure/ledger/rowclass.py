"""Frozen record classes for the ledger's rows, cheap to define.

`dataclass(frozen=True)` compiles six methods of every class with `exec` the moment the
class is defined; the ledger's 31 row classes cost some 20 ms of every run that opens a
ledger, more than the query of a whole `status` (benchmarks/README.md, "Start-up,
2026-12-04"). `row` gives the same classes (`dataclasses.fields` and `replace`, frozen
instances, equality and hashing by value within a class, the same repr) with methods
shared by every class, and compiles only `__init__`, the one on the path of reading a
ledger, when a class is first constructed: a run pays for the classes it uses.
"""

from __future__ import annotations

from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:  # it only tells type checkers that `row` makes frozen dataclasses
    def dataclass_transform(**_kwargs: Any) -> Any:
        return lambda decorator: decorator

T = TypeVar("T")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def row(cls: type[T]) -> type[T]:
    """`cls` as a frozen dataclass, its methods made without `exec` at definition."""
    made: Any = dataclass(init=False, repr=False, eq=False)(cls)
    every = fields(made)
    for f in every:
        if f.default_factory is not MISSING or not f.init or f.kw_only:
            raise TypeError(f"{cls.__name__}.{f.name}: row fields take plain defaults only")
    made._row_values = attrgetter(*(f.name for f in every))
    made._row_shown = tuple(f.name for f in every if f.repr)
    made.__init__ = _first_init
    made.__setattr__ = _refuse_set
    made.__delattr__ = _refuse_delete
    made.__eq__ = _eq
    made.__hash__ = _hash
    made.__repr__ = _repr
    return made  # type: ignore[no-any-return]


def _first_init(self: Any, *args: Any, **kwargs: Any) -> None:
    """The class's first construction: compile its `__init__`, then construct."""
    cls = type(self)
    cls.__init__ = _compiled_init(cls)
    cls.__init__(self, *args, **kwargs)


def _compiled_init(cls: type) -> Any:
    """The `__init__` dataclasses would write for a frozen class: each field set through
    `object.__setattr__`, defaults as given."""
    every = fields(cls)
    defaults = {f.name: f.default for f in every if f.default is not MISSING}
    params = ", ".join(f"{f.name}=__row_defaults[{f.name!r}]" if f.name in defaults
                       else f.name for f in every)
    body = "".join(f"\n    __row_set(self, {f.name!r}, {f.name})" for f in every)
    namespace: dict[str, Any] = {"__row_defaults": defaults,
                                 "__row_set": object.__setattr__}
    exec(f"def __init__(self, {params}) -> None:{body}", namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _refuse_set(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delete(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        values = self._row_values
        return values(self) == values(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self._row_values(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._row_shown)
    return f"{type(self).__qualname__}({shown})"
