"""Audit members' follow and unread counts against their rows, or (without --check) correct
them."""

from core.recount import RecountCommand
from social.counts import Difference, social_counts_recompute


class Command(RecountCommand):
    help = (
        "Compare each member's follower, following and unread counts with their rows; correct "
        "them, or with --check only report and exit non-zero on any difference."
    )
    recompute = staticmethod(social_counts_recompute)

    def describe(self, difference: Difference) -> str:
        return (f"member {difference.user_id} {difference.what}: stored {difference.stored} "
                f"!= actual {difference.actual}")  # fmt: skip
