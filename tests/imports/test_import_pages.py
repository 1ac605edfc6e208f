"""The import's pages: upload, the review with its choices, applying, and what it did; a bad
file gets a clear message and never a 5xx; someone else's import is not found."""

import gzip
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from imports.models import Import, ImportRow
from imports.sources import FILE_MAX_BYTES, UNPACKED_MAX_BYTES
from reviews.models import ListEntry
from titles.models import AlternativeTitle

pytestmark = pytest.mark.django_db

PAGE = "/accounts/settings/import/"
CSV = (
    "title,year,status,score\n"
    "1 Litre of Tears,2005,completed,9.5\n"
    "Hana Yori Dango,,completed,7\n"
    "Nobody Made This,2011,completed,6\n"
)


@pytest.fixture
def catalogue(title_factory):
    tears = title_factory(title="1 Litre of Tears", year=2005, episodes=11)
    hana = title_factory(title="Hana Yori Dango", year=2005, episodes=9)
    hana_kr = title_factory(title="Boys Over Flowers", year=2009, episodes=25)
    AlternativeTitle.objects.create(title=hana_kr, name="Hana Yori Dango")
    return {"tears": tears, "hana": hana, "hana_kr": hana_kr}


@pytest.fixture
def member(client, user):
    client.force_login(user)
    return user


def _upload(client, content: bytes, name: str = "list.csv"):
    return client.post(PAGE, {"file": SimpleUploadedFile(name, content)})


def test_upload_review_choose_and_apply(client, member, catalogue, run_jobs):
    response = _upload(client, CSV.encode())
    job = Import.objects.get(user=member)
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert "Matching 3 titles" in client.get(job.get_absolute_url()).content.decode()
    run_jobs()
    review = client.get(job.get_absolute_url()).content.decode()
    assert "Which title is it?" in review and "Import 1 title" in review  # ambiguous first
    row = job.rows.get(match=ImportRow.Match.AMBIGUOUS)
    chosen = client.post(
        f"{PAGE}{job.pk}/rows/{row.number}/", {"title": catalogue["hana"].pk, "back": "ambiguous"}
    )
    assert chosen.status_code == 302
    not_found = client.get(f"{job.get_absolute_url()}?show=not_found").content.decode()
    assert "Nobody Made This" in not_found and "Search by hand" in not_found
    assert client.post(f"{PAGE}{job.pk}/apply/").status_code == 302
    run_jobs()
    done = client.get(job.get_absolute_url()).content.decode()
    assert "<strong>2</strong> added" in done and "your list" in done
    assert set(ListEntry.objects.filter(user=member).values_list("title__title", flat=True)) == {
        "1 Litre of Tears",
        "Hana Yori Dango",
    }


def test_a_row_is_found_by_hand(client, member, catalogue, run_jobs):
    _upload(client, b"title\nThe Tears of One Litre\n")
    run_jobs()
    job = Import.objects.get(user=member)
    page = client.get(f"{PAGE}{job.pk}/rows/1/", {"name": "1 litre"}).content.decode()
    assert "Titles matching your search" in page and "1 Litre of Tears" in page
    client.post(f"{PAGE}{job.pk}/rows/1/", {"title": catalogue["tears"].pk})
    assert job.rows.get().title == catalogue["tears"]


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<myanimelist><anime><series_title>&lol2;</series_title></anime></myanimelist>"""


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("letterboxd.zip", _zip({"watched.csv": b"0" * (UNPACKED_MAX_BYTES + 1)}), "Unpacked"),
        ("animelist.xml.gz", gzip.compress(b" " * (UNPACKED_MAX_BYTES + 1)), "Unpacked"),
        ("animelist.xml", LAUGHS, "declares entities or a DTD"),
        ("big.csv", b"title\n" + b"x\n" * (FILE_MAX_BYTES // 2 + 1), "the most this page reads"),
        ("list.xml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not text this page reads"),
        ("export.zip", b"title,year\n", "holds no titles"),
        ("list.csv", b"", "The file is empty."),
    ],
)
def test_a_hostile_or_wrong_file_is_refused_with_a_message(client, member, name, content, message):
    response = _upload(client, content, name)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Import.objects.exists()


def test_someone_else_import_is_not_found(client, user_factory, catalogue, run_jobs):
    owner = user_factory()
    client.force_login(owner)
    _upload(client, CSV.encode())
    run_jobs()
    job = Import.objects.get()
    client.force_login(user_factory())
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(f"{PAGE}{job.pk}/rows/1/").status_code == 404
    assert client.post(f"{PAGE}{job.pk}/rows/2/", {"skip": "1"}).status_code == 404
    assert client.post(f"{PAGE}{job.pk}/apply/").status_code == 404
    assert job.rows.filter(match=ImportRow.Match.SKIPPED).count() == 0


def test_the_template_has_the_columns_the_import_reads(client, member):
    response = client.get(f"{PAGE}template/")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().startswith("title,native_title,year,kind,status,score")


@pytest.mark.parametrize("size", [3, 60])
def test_the_review_costs_the_same_with_any_number_of_rows(
    client, member, title_factory, run_jobs, django_assert_num_queries, size
):
    for n in range(size):
        title_factory(title=f"Winter Garden {n}", year=2000 + n % 20)
    text = "title,year\n" + "".join(f"Winter Garden {n},{2000 + n % 20}\n" for n in range(size))
    _upload(client, text.encode())
    run_jobs()
    job = Import.objects.get()
    job.rows.filter(number__lte=size // 3 + 1).update(match="ambiguous")
    job.rows.filter(match="ambiguous").update(
        candidates=list(job.rows.values_list("title_id", flat=True)[:5])
    )
    url = f"{job.get_absolute_url()}?show=ambiguous"
    client.get(url)
    # The import (the member comes from the cache), the rows' counts (which the pages are
    # numbered by), a page of rows with their titles, the candidates with their statistics,
    # the member's entries.
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200
