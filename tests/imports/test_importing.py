"""An import from upload to list: rows matched on the queue, the member's choices, then one
job that writes the list with its statistics true; nothing twice, nothing newer lost."""

import io
import json
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from core.versions import title_version, versions
from imports import jobs
from imports.models import Export, Import, ImportRow
from imports.services import (
    export_request,
    import_apply_request,
    import_row_choose,
    import_upload,
)
from reviews.bulk import EntryValues
from reviews.member_stats import member_stats_recompute
from reviews.models import ListEntry
from reviews.services import list_entry_save, review_submit
from reviews.stats import stats_recompute
from titles.models import AlternativeTitle

pytestmark = pytest.mark.django_db

HEADER = "title,native_title,year,kind,status,score,episodes_seen,started_on,finished_on,note\n"


@pytest.fixture
def catalogue(title_factory):
    tears = title_factory(title="1 Litre of Tears", native_title="1リットルの涙", year=2005,
                          episodes=11)  # fmt: skip
    AlternativeTitle.objects.create(title=tears, name="Ichi Rittoru no Namida")
    hana = title_factory(title="Hana Yori Dango", native_title="花より男子", year=2005,
                         episodes=9)  # fmt: skip
    hana_kr = title_factory(title="Boys Over Flowers", year=2009, episodes=25, country="KR")
    AlternativeTitle.objects.create(title=hana_kr, name="Hana Yori Dango")
    harbour = title_factory(title="Quiet Harbour", year=2019, episodes=16)
    soon = title_factory(title="Paper Moon Station", year=date.today().year + 1, episodes=24,
                         aired_from=date.today() + timedelta(days=90), aired_to=None)  # fmt: skip
    return {"tears": tears, "hana": hana, "hana_kr": hana_kr, "harbour": harbour, "soon": soon}


def _upload(user, text, run_jobs) -> Import:
    job = import_upload(user=user, data=text.encode(), filename="mine.csv")
    run_jobs()
    job.refresh_from_db()
    return job


def _rows(job: Import) -> dict[int, ImportRow]:
    return {row.number: row for row in job.rows.select_related("title")}


def _apply(user, job, run_jobs) -> Import:
    import_apply_request(user=user, job=job)
    run_jobs()
    job.refresh_from_db()
    assert (job.stage, job.status) == (Import.Stage.APPLIED, Import.Status.DONE), job.error
    return job


def _statistics_are_true() -> None:
    assert stats_recompute(check=True) == []
    assert member_stats_recompute(check=True) == []


def test_rows_are_matched_by_any_name_with_the_year_choosing_among_namesakes(
    user, catalogue, run_jobs
):
    job = _upload(user, HEADER + (
        "Ichi Rittoru no Namida,,,drama,completed,9,,,,\n"  # an alternative name
        "1リットルの涙,,2005,,watching,,3,,,\n"  # the native title
        "1 Litre of Teers,,2005,,completed,8.5,,,,\n"  # a typo
        "Hana Yori Dango,,2009,,completed,7,,,,\n"  # two titles bear it: the year chooses
        "Hana Yori Dango,,,,plan_to_watch,,,,,\n"  # no year: the member chooses
        "A Title Nobody Made,,2011,,completed,6,,,,\n"
    ), run_jobs)  # fmt: skip
    assert (job.stage, job.status) == (Import.Stage.REVIEW, Import.Status.DONE)
    rows = _rows(job)
    assert rows[1].title == catalogue["tears"]
    assert rows[4].title == catalogue["hana_kr"]
    assert rows[5].match == ImportRow.Match.AMBIGUOUS
    assert set(rows[5].candidates) == {catalogue["hana"].pk, catalogue["hana_kr"].pk}
    assert rows[6].match == ImportRow.Match.NOT_FOUND
    # Three rows are the same title: the last (a typo, still close enough) is applied.
    assert [rows[n].match for n in (1, 2, 3)] == ["duplicate", "duplicate", "matched"]
    assert rows[3].title == catalogue["tears"]


def test_applying_writes_the_list_with_every_statistic_true(user, catalogue, run_jobs):
    before = versions([title_version(catalogue["tears"].pk)])
    job = _upload(user, HEADER + (
        "1 Litre of Tears,,2005,,completed,9.5,,2024-01-02,2024-02-03,Keep tissues near\n"
        "Quiet Harbour,,2019,,watching,7,20,,,\n"
        "Paper Moon Station,,,,completed,8,,,,\n"
        "Hana Yori Dango,,,,completed,6,,,,\n"
    ), run_jobs)  # fmt: skip
    import_row_choose(user=user, row=_rows(job)[4], title=catalogue["hana"])
    job = _apply(user, job, run_jobs)
    entries = {e.title_id: e for e in ListEntry.objects.filter(user=user)}
    tears = entries[catalogue["tears"].pk]
    assert (tears.status, tears.score, tears.episodes_seen, tears.note) == (
        "completed",
        Decimal("9.5"),
        11,
        "Keep tissues near",
    )
    assert (tears.started_on, tears.finished_on) == (date(2024, 1, 2), date(2024, 2, 3))
    assert entries[catalogue["harbour"].pk].episodes_seen == 16  # no more than it has
    soon = entries[catalogue["soon"].pk]
    assert (soon.status, soon.score) == ("plan_to_watch", None)  # not aired yet
    assert entries[catalogue["hana"].pk].score == Decimal(6)
    assert {row.outcome for row in _rows(job).values()} == {"added"}
    assert versions([title_version(catalogue["tears"].pk)]) != before
    _statistics_are_true()


def test_importing_the_same_file_twice_changes_nothing_the_second_time(user, catalogue, run_jobs):
    text = (
        HEADER + "1 Litre of Tears,,,,completed,9,,2024-01-02,,\nQuiet Harbour,,,,dropped,,2,,,\n"
    )

    _apply(user, _upload(user, text, run_jobs), run_jobs)
    written = {e.pk: (e.updated_at, e.score, e.status) for e in ListEntry.objects.all()}
    again = _apply(user, _upload(user, text, run_jobs), run_jobs)
    assert {row.outcome for row in again.rows.all()} == {"unchanged"}
    assert {e.pk: (e.updated_at, e.score, e.status) for e in ListEntry.objects.all()} == written
    _statistics_are_true()


def test_of_a_row_and_an_entry_the_later_one_wins(user, catalogue, run_jobs):
    list_entry_save(user=user, title=catalogue["tears"], status="watching", score=None,
                    episodes_seen=4)  # fmt: skip
    list_entry_save(user=user, title=catalogue["harbour"], status="watching", score=None,
                    episodes_seen=4)  # fmt: skip
    ListEntry.objects.filter(title=catalogue["harbour"]).update(
        updated_at=timezone.now() - timedelta(days=30)
    )
    last_week = timezone.localdate() - timedelta(days=7)
    job = _apply(user, _upload(user, HEADER + (
        f"1 Litre of Tears,,,,completed,9,,,{last_week},\n"  # older than the entry: kept
        f"Quiet Harbour,,,,completed,8,,,{last_week},\n"  # newer than the entry: written
    ), run_jobs), run_jobs)  # fmt: skip
    assert [row.outcome for row in job.rows.order_by("number")] == ["kept", "updated"]
    entries = {e.title_id: e for e in ListEntry.objects.filter(user=user)}
    assert entries[catalogue["tears"].pk].status == "watching"
    assert (entries[catalogue["harbour"].pk].status, entries[catalogue["harbour"].pk].score) == (
        "completed", Decimal(8)
    )  # fmt: skip
    _statistics_are_true()


def test_a_reviewed_title_keeps_its_entry(user, catalogue, run_jobs):
    review_submit(user=user, title=catalogue["tears"], data={
        "headline": "Quietly devastating", "body": "A family holds together. " * 8,
        "is_spoiler": False, "episodes_seen": 11,
        **dict.fromkeys(("overall", "story", "acting", "music", "rewatch"), Decimal(9)),
    })  # fmt: skip
    job = _apply(user, _upload(user, HEADER + "1 Litre of Tears,,,,dropped,3,,2099-01-01,,\n",
                               run_jobs), run_jobs)  # fmt: skip
    assert job.rows.get().outcome == "reviewed"
    assert ListEntry.objects.get(user=user).score == Decimal(9)
    _statistics_are_true()


def test_rows_of_someone_else_import_cannot_be_chosen_or_applied(
    user, user_factory, catalogue, run_jobs
):
    job = _upload(user, HEADER + "Hana Yori Dango,,,,completed,6,,,,\n", run_jobs)
    stranger = user_factory()
    with pytest.raises(PermissionDenied):
        import_row_choose(user=stranger, row=job.rows.get(), title=catalogue["hana"])
    with pytest.raises(PermissionDenied):
        import_apply_request(user=stranger, job=job)


def test_an_export_imported_into_an_empty_account_gives_the_same_list(
    user, user_factory, catalogue, run_jobs
):
    today = timezone.localdate()
    list_entry_save(user=user, title=catalogue["tears"], status="completed", score=Decimal("9.5"),
                    episodes_seen=11, started_on=today - timedelta(days=40),
                    finished_on=today - timedelta(days=2), note='=cmd|" /C calc"!A0',
                    rewatch_count=2)  # fmt: skip
    list_entry_save(user=user, title=catalogue["harbour"], status="on_hold", score=Decimal(6),
                    episodes_seen=5, note="Paused at the storm", is_private=True)  # fmt: skip
    list_entry_save(user=user, title=catalogue["soon"], status="plan_to_watch", score=None,
                    priority="high")  # fmt: skip
    list_entry_save(user=user, title=catalogue["hana_kr"], status="dropped", score=Decimal(4),
                    episodes_seen=3)  # fmt: skip
    export = export_request(user=user)
    run_jobs()
    export.refresh_from_db()
    assert export.status == Export.Status.DONE, export.error
    newcomer = user_factory()
    job = import_upload(user=newcomer, data=export.file.open("rb").read(), filename="mine.zip")
    run_jobs()
    job.refresh_from_db()
    assert job.source == "dramadb"
    assert {row.match for row in job.rows.all()} == {"matched"}
    _apply(newcomer, job, run_jobs)

    def the_list(member):
        return {e.title_id: EntryValues.of(e) for e in ListEntry.objects.filter(user=member)}

    assert the_list(newcomer) == the_list(user)
    _statistics_are_true()


def test_matching_left_by_a_stopped_worker_goes_on_from_where_it_was(
    user, catalogue, run_jobs, settings
):
    text = HEADER + "Quiet Harbour,,,,,,,,,\n1 Litre of Tears,,,,,,,,,\n"
    job = import_upload(user=user, data=text.encode(), filename="mine.csv")
    # A worker claimed it, matched the first row, and died: its heartbeat went silent.
    assert jobs.claim(Import, job.pk)
    job.rows.filter(number=1).update(match="matched", title=catalogue["harbour"])
    long_ago = timezone.now() - timedelta(seconds=settings.JOB_STALL_SECONDS + 1)
    Import.objects.filter(pk=job.pk).update(heartbeat_at=long_ago, done=1)
    run_jobs()  # the worker queues the silent job again before it runs the queue
    job.refresh_from_db()
    assert (job.stage, job.status, job.done) == (Import.Stage.REVIEW, Import.Status.DONE, 2)
    assert _rows(job)[2].title == catalogue["tears"]


def test_a_newer_row_keeps_what_the_file_does_not_say(user, catalogue, run_jobs):
    list_entry_save(user=user, title=catalogue["harbour"], status="watching", score=None,
                    episodes_seen=2, note="Watch with Mum", rewatch_count=1, priority="high",
                    is_private=True)  # fmt: skip
    ListEntry.objects.update(updated_at=timezone.now() - timedelta(days=30))
    yesterday = timezone.localdate() - timedelta(days=1)
    mal = f"""<myanimelist><anime><series_title>Quiet Harbour</series_title>
      <my_status>Completed</my_status><my_score>8</my_score>
      <my_finish_date>{yesterday}</my_finish_date></anime></myanimelist>"""
    job = import_upload(user=user, data=mal.encode(), filename="animelist.xml")
    run_jobs()
    _apply(user, job, run_jobs)
    entry = ListEntry.objects.get(user=user)
    assert (entry.status, entry.score) == ("completed", Decimal(8))
    assert (entry.note, entry.rewatch_count, entry.priority, entry.is_private) == (
        "Watch with Mum",
        1,
        "high",
        True,
    )
    _statistics_are_true()


def test_rows_that_cannot_be_kept_as_they_are_are_mended_not_fatal(user, catalogue, run_jobs):
    job = _upload(user, HEADER + (
        "1 Litre of Tears,,,,completed,9,,2024-05-01,2024-01-01,\n"  # finished before started
    ), run_jobs)  # fmt: skip
    job = _apply(user, job, run_jobs)
    entry = ListEntry.objects.get(user=user)
    assert (entry.started_on, entry.finished_on) == (date(2024, 5, 1), None)


def test_odd_values_in_a_dramadb_export_are_left_out_not_fatal(user, catalogue, run_jobs):
    entries = [{"title": "1 Litre of Tears\u0000", "kind": "x" * 40, "status": "completed",
                "started_on": {"year": 2024}, "note": "nul\u0000here",
                "updated_at": ["no"]}]  # fmt: skip
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("dramadb.json", json.dumps({"format": "dramadb export",
                                                     "entries": entries}))  # fmt: skip
    job = _upload_bytes(user, out.getvalue(), run_jobs)
    row = job.rows.get()
    assert (row.kind, row.note, row.started_on) == ("", "nulhere", None)
    assert row.title == catalogue["tears"]


def _upload_bytes(user, data: bytes, run_jobs) -> Import:
    job = import_upload(user=user, data=data, filename="mine.zip")
    run_jobs()
    job.refresh_from_db()
    return job
