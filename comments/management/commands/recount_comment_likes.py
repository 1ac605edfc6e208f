"""Audit comments' like counts against their rows, or (without --check) correct them."""

from comments.counts import Difference, like_counts_recompute
from core.recount import RecountCommand


class Command(RecountCommand):
    help = (
        "Compare each comment's like count with its likes; correct the counts, or with --check "
        "only report and exit non-zero on any difference."
    )
    recompute = staticmethod(like_counts_recompute)

    def describe(self, difference: Difference) -> str:
        return f"comment {difference.id}: stored {difference.stored} != actual {difference.actual}"
