"""The pure core: the plan's rules as functions of the registry, ledger rows and a day.

Nothing in this package imports Typer or Rich, prints, reads the clock or opens the
ledger: callers pass in what was known on the as-of day and get values back.
"""
