"""Where reads go (core/replicas.py), decided from how far each replica has replayed.

The replica here is only a name with a standing, so nothing is read from it; the real
servers are in tests/servers/test_past_one_machine.py.
"""

import math

import pytest
from django.db import transaction

from core import replicas
from core.versions import _token, newest_write
from titles.models import Title

ROUTER = replicas.ReplicaRouter()


# Only the router reads the setting here; no connection is made to the name it adds.
pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")


@pytest.fixture
def one_replica(settings):
    settings.DATABASES = {**settings.DATABASES, "replica_1": settings.DATABASES["default"]}
    replicas._standings["replica_1"] = replicas.Standing(replayed=1000, next_check=math.inf)
    yield
    replicas._standings.pop("replica_1", None)


def test_without_replicas_every_read_goes_to_the_primary():
    with replicas.replica_reads():
        assert ROUTER.db_for_read(Title) == "default"


def test_outside_a_request_reads_go_to_the_primary(one_replica):
    # Management commands, the shell and the scheduled jobs never read a lagging copy.
    assert ROUTER.db_for_read(Title) == "default"


def test_a_request_reads_from_a_replica_that_has_replayed_far_enough(one_replica):
    with replicas.replica_reads(needed=1000) as reads:
        assert ROUTER.db_for_read(Title) == "replica_1"
    assert reads.used == {"replica_1"}


def test_reads_needing_a_write_the_replica_has_not_replayed_go_to_the_primary(one_replica):
    with replicas.replica_reads(needed=1001):
        assert ROUTER.db_for_read(Title) == "default"
    with replicas.replica_reads() as reads:
        assert ROUTER.db_for_read(Title) == "replica_1"
        replicas.read_at_least(5000)  # a page for versions moved by a newer write
        assert ROUTER.db_for_read(Title) == "default"
    assert reads.used == {"replica_1", "default"}


def test_a_skipped_replica_is_not_read(one_replica):
    replicas._standings["replica_1"] = replicas.Standing(replayed=None, next_check=math.inf)
    with replicas.replica_reads():
        assert ROUTER.db_for_read(Title) == "default"


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_go_to_the_primary(one_replica):
    with replicas.replica_reads(), transaction.atomic():
        assert ROUTER.db_for_read(Title) == "default"


def test_writes_and_migrations_go_to_the_primary(one_replica):
    with replicas.replica_reads():
        assert ROUTER.db_for_write(Title) == "default"
    assert ROUTER.allow_migrate("default", "titles")
    assert not ROUTER.allow_migrate("replica_1", "titles")


def test_wal_positions_compare_as_numbers_and_read_back():
    assert replicas.lsn_value("0/3000060") == 0x3000060
    assert replicas.lsn_value("16/B374D848") > replicas.lsn_value("15/FFFFFFFF")
    assert replicas.lsn_text(replicas.lsn_value("16/B374D848")) == "16/B374D848"


def test_a_page_needs_thenewest_write_its_versions_name():
    current = [f"page-version:a={_token(None)}", f"page-version:b={_token(70)}",
               f"page-version:c={_token(900)}"]  # fmt: skip
    assert newest_write(current) == 900
    assert newest_write([f"page-version:a={_token(None)}"]) == 0


@pytest.fixture
def primary_positions():
    """The primary's positions at three checks a second apart."""
    replicas._written.clear()
    replicas._written.extend([(100.0, 10), (101.0, 20), (102.0, 30)])
    yield
    replicas._written.clear()


@pytest.mark.parametrize(
    ("replayed", "behind"),
    [
        (30, 0.5),  # has what the primary had at the last check
        (25, 1.5),  # has what it had a check earlier, not the last
        (10, 2.5),
        (5, 2.5),  # behind everything noted: at least as old as the oldest check
    ],
)
def test_a_replica_is_as_far_behind_as_the_newest_primary_position_it_has_replayed(
    primary_positions, replayed, behind
):
    assert replicas._behind_primary(replayed, now=102.5) == behind
