"""The member's import: upload a file, follow its matching, review the rows, apply them."""

from __future__ import annotations

import csv
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from accounts.members import signed_in_member
from accounts.models import User
from core.http import HtmxRequest, sign_in_required
from core.metadata import not_indexed
from core.pagination import stored_count_page
from reviews.models import ListEntry
from titles.models import Title
from titles.search import find_titles

from .. import services
from ..applying import entry_values, row_is_newer
from ..forms import ImportForm
from ..models import Import, ImportRow
from ..sources import UnreadableFile
from ..sources.spreadsheet import TEMPLATE

IMPORTS_SHOWN = 5
ROWS_PER_PAGE = 50
HAND_SEARCH_RESULTS = 10
Match = ImportRow.Match
# The review's tabs, in the order a member works through them.
TABS = [Match.AMBIGUOUS, Match.NOT_FOUND, Match.MATCHED, Match.DUPLICATE, Match.SKIPPED]


@not_indexed
@sign_in_required
@cache_control(private=True, no_store=True)
def import_start(request: HttpRequest) -> HttpResponse:
    """Upload a file from another site; its rows are matched on the queue, then reviewed."""
    user = signed_in_member(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                job = services.import_upload(
                    user=user, data=form.cleaned_data["file"], filename=form.filename
                )
            except ValidationError as refused:
                form.add_error("file", refused.messages[0])
            except UnreadableFile as unread:
                form.add_error("file", str(unread))
            else:
                return redirect(job)
        status = 422
    imports = Import.objects.filter(user=user).order_by("-created_at")[:IMPORTS_SHOWN]
    return render(request, "imports/import.html", {"form": form, "imports": imports},
                  status=status)  # fmt: skip


@not_indexed
@sign_in_required
@cache_control(private=True, no_store=True)
def import_review(request: HtmxRequest, pk: int) -> HttpResponse:
    """The import as it stands: its matching's progress, the rows to review, or what it did."""
    job = _own_import(request, pk)
    context: dict = {"job": job}
    if job.stage == Import.Stage.REVIEW:
        context |= _review(request, job)
    elif job.stage == Import.Stage.APPLIED:
        outcomes = job.rows.exclude(outcome="").values_list("outcome").annotate(n=Count("id"))
        labels = dict(ImportRow.Outcome.choices)
        context["outcomes"] = [(labels[name], n) for name, n in outcomes.order_by("outcome")]
    if request.htmx and request.htmx.target == "import-progress":
        response = render(request, "imports/_progress.html", context)
        if not job.is_pending:
            response["HX-Refresh"] = "true"  # the review (or the outcome) is the whole page
        return response
    return render(request, "imports/review.html", context)


def _review(request: HttpRequest, job: Import) -> dict:
    counts = dict(job.rows.values_list("match").annotate(n=Count("id")).order_by())
    tabs = [(match, Match(match).label, counts.get(match, 0)) for match in TABS]
    shown = request.GET.get("show", "")
    if shown not in TABS:
        shown = next((match for match, _, n in tabs if n), Match.MATCHED)
    rows = job.rows.filter(match=shown).select_related("title").order_by("number")
    page = stored_count_page(rows, count=counts.get(shown, 0), per_page=ROWS_PER_PAGE,
                             page_number=request.GET.get("page"))  # fmt: skip
    rows_shown = _explain(signed_in_member(request), list(page))
    return {"tabs": tabs, "shown": shown, "page": page, "rows": rows_shown,
            "applying": counts.get(Match.MATCHED, 0)}  # fmt: skip


@dataclass
class Reviewed:
    """A row as the review shows it: its candidates' titles, what applying it would change to
    suit its title, and the member's entry of that title, which the row replaces or not."""

    row: ImportRow
    candidates: list[Title]
    changes: list[str]
    entry: ListEntry | None
    replaces: bool


def _explain(user: User, rows: list[ImportRow]) -> list[Reviewed]:
    """Three reads, whatever the number of rows."""
    wanted = {pk for row in rows for pk in row.candidates}
    titles = Title.objects.select_related("stats").in_bulk(wanted)
    matched = [row.title_id for row in rows if row.title_id]
    entries = {e.title_id: e for e in ListEntry.objects.filter(user=user, title_id__in=matched)}
    shown = []
    for row in rows:
        entry = entries.get(row.title_id or 0)
        changes = entry_values(row, row.title)[1] if row.title else []
        candidates = [titles[pk] for pk in row.candidates if pk in titles]
        replaces = entry is not None and row_is_newer(row, entry)
        shown.append(Reviewed(row, candidates, changes, entry, replaces))
    return shown


@not_indexed
@sign_in_required
@cache_control(private=True, no_store=True)
def import_row(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """One row under review: choose its title among the candidates or by a search, or skip it."""
    job = _own_import(request, pk)
    row = get_object_or_404(ImportRow.objects.select_related("job", "title"), job=job,
                            number=number)  # fmt: skip
    if request.method == "POST":
        return _choose(request, job, row)
    wanted = request.GET.get("name", "").strip()[:200]
    found = [hit.item for hit in find_titles(wanted, HAND_SEARCH_RESULTS)] if wanted else []
    context = {"job": job, "reviewed": _explain(signed_in_member(request), [row])[0],
               "wanted": wanted or row.names[0], "searched": bool(wanted),
               "found": found}  # fmt: skip
    return render(request, "imports/row.html", context)


def _choose(request: HttpRequest, job: Import, row: ImportRow) -> HttpResponse:
    title = None
    if "skip" not in request.POST:
        try:
            title = Title.objects.get(pk=int(request.POST.get("title", "")))
        except (ValueError, Title.DoesNotExist):
            messages.error(request, f"Choose a title for row {row.number}, or skip it.")
            return redirect(reverse("imports:import_row", args=[job.pk, row.number]))
    try:
        services.import_row_choose(user=signed_in_member(request), row=row, title=title)
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        done = f"{title.title}" if title else "skipped"
        messages.success(request, f"Row {row.number} ({row.names[0]}): {done}.")
    back = request.POST.get("back", "")
    shown = back if back in TABS else row.match
    return redirect(f"{reverse('imports:import_review', args=[job.pk])}?show={shown}")


@require_POST
@sign_in_required
def import_apply(request: HttpRequest, pk: int) -> HttpResponse:
    job = _own_import(request, pk)
    try:
        services.import_apply_request(user=signed_in_member(request), job=job)
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    return redirect(job)


@sign_in_required
def import_template(request: HttpRequest) -> HttpResponse:
    """An empty spreadsheet with the columns the import reads, and one example row."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="dramadb-import-template.csv"'
    writer = csv.writer(response)
    writer.writerow(TEMPLATE)
    example = {"title": "1 Litre of Tears", "native_title": "1リットルの涙", "year": "2005",
               "kind": "drama", "status": "completed", "score": "9.5", "episodes_seen": "11",
               "started_on": "2024-01-02", "finished_on": "2024-02-03", "rewatch_count": "1",
               "note": "Watched with my sister", "updated_at": "2024-02-03"}  # fmt: skip
    writer.writerow([example.get(column, "") for column in TEMPLATE])
    return response


def _own_import(request: HttpRequest, pk: int) -> Import:
    """The member's own import; someone else's is simply not found."""
    return get_object_or_404(Import, pk=pk, user=signed_in_member(request))
