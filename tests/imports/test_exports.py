"""A member's export: everything they own in one zip, prepared on the queue, theirs alone."""

import csv
import io
import json
import zipfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from defusedxml import ElementTree
from django.utils import timezone

from comments.services import comment_post
from imports.exports import spreadsheet_safe
from imports.models import Export
from imports.services import export_prune, export_request
from lists.services import custom_list_add, custom_list_create, favorite_title_set
from reviews.services import list_entry_save, review_submit

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example","Click")'


@pytest.fixture
def owner(user_factory, title_factory):
    """A member with one of each thing an export holds, a private entry and a formula among
    them."""
    member = user_factory(username="keeper")
    tears = title_factory(title="1 Litre of Tears", native_title="1リットルの涙", episodes=11)
    quiet = title_factory(title="Quiet Harbour", episodes=16)
    list_entry_save(user=member, title=tears, status="completed", score=Decimal("9.5"),
                    episodes_seen=11, started_on=timezone.localdate() - timedelta(days=30),
                    finished_on=timezone.localdate(), note=FORMULA, rewatch_count=2)  # fmt: skip
    list_entry_save(user=member, title=quiet, status="watching", score=Decimal("7.5"),
                    episodes_seen=3, is_private=True, note="Mine alone.")  # fmt: skip
    review_submit(user=member, title=tears, data={
        "headline": "-1 for the ending", "body": "A family story told without hurry. " * 5,
        "is_spoiler": False, "episodes_seen": 11,
        **dict.fromkeys(("overall", "story", "acting", "music", "rewatch"), Decimal("9.5")),
    })  # fmt: skip
    comment_post(author=member, target=tears, body="@everyone the last episode.")
    rainy = custom_list_create(user=member, name="Rainy days", is_private=True)
    custom_list_add(user=member, custom_list=rainy, title=quiet, note="+ tissues")
    favorite_title_set(user=member, title=tears, favorite=True)
    return member


def _zip(export: Export) -> zipfile.ZipFile:
    export.refresh_from_db()
    assert export.status == Export.Status.DONE, export.error
    return zipfile.ZipFile(export.file.open("rb"))


def _csv(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.TextIOWrapper(archive.open(name), encoding="utf-8")))


def test_an_export_holds_everything_the_member_owns(owner, run_jobs):
    export = export_request(user=owner)
    assert export.status == Export.Status.QUEUED

    run_jobs()

    archive = _zip(export)
    assert sorted(archive.namelist()) == [
        "README.md", "comments.csv", "dramadb.json", "entries.csv", "favorites.csv",
        "list_items.csv", "lists.csv", "myanimelist.xml", "reviews.csv",
    ]  # fmt: skip
    entries = {row["title"]: row for row in _csv(archive, "entries.csv")}
    assert entries["1 Litre of Tears"]["score"] == "9.5"
    assert entries["1 Litre of Tears"]["native_title"] == "1リットルの涙"
    assert entries["1 Litre of Tears"]["rewatch_count"] == "2"
    assert entries["Quiet Harbour"]["is_private"] == "true"  # the member's own, so it is there
    assert entries["Quiet Harbour"]["note"] == "Mine alone."
    assert [row["name"] for row in _csv(archive, "lists.csv")] == ["Rainy days"]
    assert _csv(archive, "list_items.csv")[0]["title"] == "Quiet Harbour"
    assert _csv(archive, "favorites.csv")[0]["name"] == "1 Litre of Tears"
    assert _csv(archive, "comments.csv")[0]["on_name"] == "1 Litre of Tears"
    everything = json.loads(archive.read("dramadb.json"))
    assert everything["member"]["username"] == "keeper"
    assert len(everything["entries"]) == 2 and len(everything["reviews"]) == 1
    assert everything["reviews"][0]["overall"] == "9.5"
    export.refresh_from_db()
    assert export.percent == 100 and export.done == export.total


def test_cells_a_spreadsheet_would_run_are_neutralised_in_csv_only(owner, run_jobs):
    export = export_request(user=owner)
    run_jobs()
    archive = _zip(export)

    notes = {row["title"]: row["note"] for row in _csv(archive, "entries.csv")}
    assert notes["1 Litre of Tears"] == "'" + FORMULA
    assert _csv(archive, "reviews.csv")[0]["headline"] == "'-1 for the ending"
    assert _csv(archive, "comments.csv")[0]["body"] == "'@everyone the last episode."
    assert _csv(archive, "list_items.csv")[0]["note"] == "'+ tissues"
    # The JSON keeps the member's words as they are.
    everything = json.loads(archive.read("dramadb.json"))
    assert {e["note"] for e in everything["entries"]} == {FORMULA, "Mine alone."}
    for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert spreadsheet_safe(value) == "'" + value
    assert spreadsheet_safe("7.5") == "7.5" and spreadsheet_safe("") == ""


def test_the_myanimelist_file_is_in_its_shape(owner, run_jobs):
    export = export_request(user=owner)
    run_jobs()

    root = ElementTree.fromstring(_zip(export).read("myanimelist.xml"))

    assert root.tag == "myanimelist"
    assert root.findtext("myinfo/user_name") == "keeper"
    anime = {a.findtext("series_title"): a for a in root.findall("anime")}
    tears, quiet = anime["1 Litre of Tears"], anime["Quiet Harbour"]
    assert tears.findtext("my_score") == "10"  # 9.5, rounded half up to MyAnimeList's whole
    assert tears.findtext("my_status") == "Completed"
    assert tears.findtext("my_times_watched") == "2"
    assert tears.findtext("my_comments") == FORMULA
    assert quiet.findtext("my_score") == "8" and quiet.findtext("my_status") == "Watching"
    assert quiet.findtext("my_start_date") == "0000-00-00"


def test_only_the_owner_downloads_it_for_a_week(client, owner, user_factory, run_jobs):
    export = export_request(user=owner)
    run_jobs()
    url = f"/accounts/settings/export/{export.pk}/"

    assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(user_factory(username="snoop"))
    assert client.get(url).status_code == 404
    client.force_login(owner)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="dramadb-keeper-')
    assert "no-store" in response["Cache-Control"]
    assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).testzip() is None

    Export.objects.update(finished_at=timezone.now() - timedelta(days=7, seconds=1))
    gone = client.get(url)
    assert gone.status_code == 410
    assert "removed after a week" in gone.content.decode()
    export.refresh_from_db()
    stored = Path(export.file.path)
    assert stored.is_file()
    assert export_prune() == 1
    assert not Export.objects.exists()
    assert not stored.exists()


def test_one_export_at_a_time_and_a_few_a_day(client, owner, settings, run_jobs):
    settings.EXPORTS_PER_DAY = 2
    client.force_login(owner)
    page = client.post("/accounts/settings/export/", follow=True).content.decode()
    assert "Your export is being prepared" in page
    assert '<progress max="100" value="0"' in page
    page = client.post("/accounts/settings/export/", follow=True).content.decode()
    assert "Your export is already being prepared." in page
    run_jobs()
    client.post("/accounts/settings/export/")
    run_jobs()
    page = client.post("/accounts/settings/export/", follow=True).content.decode()
    assert "You can ask for 2 exports a day; please try tomorrow." in page
    assert Export.objects.count() == 2
    assert page.count("Download the zip") == 2


def test_the_page_follows_a_pending_export_in_place(client, owner):
    client.force_login(owner)
    client.post("/accounts/settings/export/")
    headers = {"HX-Request": "true", "HX-Target": "export-jobs"}
    part = client.get("/accounts/settings/export/", headers=headers).content.decode()
    assert part.startswith('<section id="export-jobs"')
    assert 'data-hx-trigger="every 2s"' in part
    assert "Waiting for its turn" in part


def test_a_job_left_by_a_stopped_worker_is_taken_up_by_the_next(owner, run_jobs):
    """What a worker killed mid-export leaves: the export running, its worker silent."""
    export = export_request(user=owner)
    long_ago = timezone.now() - timedelta(minutes=10)
    Export.objects.update(status=Export.Status.RUNNING, heartbeat_at=long_ago, done=3)
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.update(status="RUNNING", worker_ids=["gone"])  # claimed, never ended

    run_jobs()

    export.refresh_from_db()
    assert export.status == Export.Status.DONE
    assert _zip(export).testzip() is None


def test_a_job_another_worker_is_running_is_not_run_twice(owner):
    from imports import jobs

    export = export_request(user=owner)
    assert jobs.claim(Export, export.pk)
    assert not jobs.claim(Export, export.pk)  # the second worker leaves it
    jobs.finish(Export, export.pk)
    assert not jobs.claim(Export, export.pk)


@pytest.mark.parametrize("size", [2, 30])
def test_the_export_page_costs_the_same_with_any_number_of_exports(
    client, owner, django_assert_num_queries, size
):
    Export.objects.bulk_create([Export(user=owner, status="done") for _ in range(size)])
    client.force_login(owner)
    client.get("/accounts/settings/export/")
    with django_assert_num_queries(1):  # their latest exports (the member is cached)
        assert client.get("/accounts/settings/export/").status_code == 200
