"""Audit the recommendation counters against their rows, or (without --check) correct them."""

from core.recount import RecountCommand
from recommendations.counts import Difference, recommendation_counts_recompute


class Command(RecountCommand):
    help = (
        "Compare every recommendation's votes and reasons counts, and every title's number of "
        "recommendations, with the rows; correct them, or with --check only report and exit "
        "non-zero on any difference."
    )
    recompute = staticmethod(recommendation_counts_recompute)
    noun = "counter"

    def describe(self, d: Difference) -> str:
        return f"{d.what} count of {d.id}: stored {d.stored} != actual {d.actual}"
