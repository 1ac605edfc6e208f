"""Audit the favorite counts against their rows, or (without --check) correct them."""

from core.recount import RecountCommand
from lists.counts import Difference, favorite_counts_recompute


class Command(RecountCommand):
    help = (
        "Compare how many members favor each title and person with the rows; correct the "
        "counts, or with --check only report and exit non-zero on any difference."
    )
    recompute = staticmethod(favorite_counts_recompute)

    def describe(self, d: Difference) -> str:
        return f"{d.what} {d.id}: stored {d.stored} != actual {d.actual}"
