"""考核: `disclose score` (each unit's points) and `disclose rank` (报送排行)."""

from typing import Annotated

import typer

from qth_disclosure.commands.common import AgencyFilter, FormatOption, agency_code, session
from qth_disclosure.output.render import Format, emit

AsOf = Annotated[str | None, typer.Option("--as-of", metavar="YYYY-MM-DD")]


def score(
    ctx: typer.Context,
    as_of: AsOf = None,
    agency: AgencyFilter = None,
    explain: Annotated[bool, typer.Option("--explain")] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Each unit's 考核 score under the registry's scoring rules; --explain lists every
    point with the ledger rows behind it."""
    from qth_disclosure import queries
    from qth_disclosure.core import intake
    from qth_disclosure.core.scoring import rules_of
    from qth_disclosure.views.scores import (
        POINT_COLUMNS,
        SCORE_COLUMNS,
        score_blocks,
        score_data,
        score_rows,
    )

    s = session(ctx)
    registry = s.registry
    rules = rules_of(registry)
    day = intake.check_as_of(s.day(as_of, "--as-of"), s.today())
    code = agency_code(s, agency)
    with s.ledger() as ledger:
        found = queries.scores(registry, ledger, day, code)
    emit(fmt, lambda: score_data(found, registry, explain),
         lambda: score_blocks(found, registry, rules, day, s.t, explain),
         rows=lambda: score_rows(found, registry, explain),
         columns=POINT_COLUMNS if explain else SCORE_COLUMNS)


def rank(
    ctx: typer.Context,
    as_of: AsOf = None,
    fmt: FormatOption = Format.table,
) -> None:
    """报送排行: the units in order of their 考核 score, with a bar chart."""
    from qth_disclosure import queries
    from qth_disclosure.core import intake
    from qth_disclosure.core.scoring import rules_of
    from qth_disclosure.views.scores import RANK_COLUMNS, rank_blocks, rank_data, rank_rows

    s = session(ctx)
    registry = s.registry
    rules = rules_of(registry)
    day = intake.check_as_of(s.day(as_of, "--as-of"), s.today())
    with s.ledger() as ledger:
        ranked = queries.ranking(registry, ledger, day)
    emit(fmt, lambda: rank_data(ranked, registry),
         lambda: rank_blocks(ranked, registry, rules, day, s.t),
         rows=lambda: rank_rows(ranked, registry), columns=RANK_COLUMNS)


def register(app: typer.Typer) -> None:
    app.command()(score)
    app.command()(rank)
