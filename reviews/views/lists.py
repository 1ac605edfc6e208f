from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.members import signed_in_member
from accounts.metadata import under_member
from accounts.models import User
from core.http import HtmxRequest, safe_next, sign_in_required
from core.metadata import filtered_by, not_indexed
from core.pagination import countless_page_of_ids
from reviews import selectors, services
from reviews.forms import ListEntryForm, QuickEntryForm
from reviews.models import LIST_ORDERS, ListEntry, Review
from titles.models import Title

# The full form's fields that only the member sees, saved as they are given.
ENTRY_DETAILS = ["note", "rewatch_count", "priority", "is_private"]


def _own_entry(request: HttpRequest, pk: int) -> ListEntry:
    """The signed-in user's entry `pk`; someone else's entry is simply not found."""
    return get_object_or_404(ListEntry.objects.select_related("title"), pk=pk, user=request.user)


def _save(
    request: HttpRequest, form: ListEntryForm | QuickEntryForm, title: Title
) -> ListEntry | None:
    """Save the entry through the service; a refusal goes onto the form and gives None."""
    data = form.cleaned_data
    entry = form.instance
    episodes_seen = data.get("episodes_seen", entry.episodes_seen)
    if entry.pk is None and "episodes_seen" not in data and data["status"] == "completed":
        episodes_seen = title.episodes or 0
    try:
        return services.list_entry_save(
            user=signed_in_member(request),
            title=title,
            status=data["status"],
            score=data.get("score"),
            episodes_seen=episodes_seen,
            started_on=data.get("started_on", entry.started_on),
            finished_on=data.get("finished_on", entry.finished_on),
            **{name: data[name] for name in ENTRY_DETAILS if name in data},
        )
    except ValidationError as refused:
        form.add_error(None, refused)
        return None


@sign_in_required
@require_POST
def title_rate(request: HtmxRequest, title_pk: int) -> HttpResponse:
    """ "Your Rating" and status from the title page: in place with htmx, or a plain form."""
    title = get_object_or_404(Title, pk=title_pk)
    user = signed_in_member(request)
    entry = selectors.entry_for(user, title) or ListEntry(user=user, title=title)
    form = QuickEntryForm(request.POST, instance=entry)
    if form.is_valid() and (saved := _save(request, form, title)) is not None:
        if request.htmx:
            return _rate_fragment(request, title, saved, QuickEntryForm(instance=saved))
        messages.success(request, f"Saved: {title.title} is on your list.")
        return redirect(title)
    if entry.pk:
        entry.refresh_from_db()  # validating wrote the refused values onto the instance
    if request.htmx:
        return _rate_fragment(request, title, entry, form, status=422)
    return _entry_page(request, title, entry, _full_form_from(form, entry), status=422)


def _full_form_from(quick: QuickEntryForm, entry: ListEntry) -> ListEntryForm:
    """Without JavaScript a refused quick rating opens the full form with what was typed:
    the fields the quick form never sent keep the entry's values, so the only errors shown
    are the quick form's own."""
    data = dict(quick.data.items())
    for name in ListEntryForm.Meta.fields:
        if name not in quick.fields:
            value = getattr(entry, name)
            data[name] = "" if value is None else str(value)
    full = ListEntryForm(data, instance=entry)
    full.is_valid()
    # The service's refusals (a reviewed title keeps its score) are on the quick form only.
    for field, errors in quick.errors.items():
        for error in errors:
            if error not in full.errors.get(field, []):
                full.add_error(None if field == "__all__" else field, error)
    return full


def _rate_fragment(
    request: HttpRequest,
    title: Title,
    entry: ListEntry,
    form: QuickEntryForm,
    status: int = 200,
) -> HttpResponse:
    """ "Your Rating" in place, and the title's new ratings and statistics out of band."""
    context = {
        "title": title,
        "entry": entry if entry.pk else None,
        "form": form,
        "stats": selectors.stats_for(title),
        "oob": True,
    }
    return render(request, "reviews/_rate_response.html", context, status=status)


@sign_in_required
@require_POST
def title_progress(request: HtmxRequest, title_pk: int) -> HttpResponse:
    """ "+1": one more episode seen, from the title page, the list page or the home page. With
    htmx the part that was clicked comes back in place; without, the page it was on."""
    title = get_object_or_404(Title, pk=title_pk)
    user = signed_in_member(request)
    entry: ListEntry | None
    try:
        entry = services.list_entry_progress(user=user, title=title)
    except ValidationError as refused:
        error, entry, status = refused.messages[0], selectors.entry_for(user, title), 422
    else:
        error, status = "", 200
    if request.htmx and request.htmx.target == "your-entry":
        entry = entry or ListEntry(user=user, title=title)
        form = QuickEntryForm(instance=entry)
        if error:
            form.add_error(None, error)
        return _rate_fragment(request, title, entry, form, status)
    if request.htmx and entry is not None:
        context = {"entry": entry, "error": error, "next": safe_next(request, "")}
        return render(request, "reviews/_progress.html", context, status=status)
    if error or entry is None:
        messages.error(request, error)
    elif entry.status == ListEntry.Status.COMPLETED:
        messages.success(request, f"Completed {title.title}. Rate it while it is fresh?")
    else:
        messages.success(request, f"{title.title}: {_progress_label(entry)}.")
    return redirect(safe_next(request, title.get_absolute_url()))


def _progress_label(entry: ListEntry) -> str:
    of = f" of {entry.title.episodes}" if entry.title.episodes else ""
    return f"episode {entry.episodes_seen}{of}"


@not_indexed
@sign_in_required
def title_entry(request: HttpRequest, title_pk: int) -> HttpResponse:
    """The full form for the user's entry on a title: add it or change it."""
    title = get_object_or_404(Title, pk=title_pk)
    user = signed_in_member(request)
    entry = selectors.entry_for(user, title) or ListEntry(user=user, title=title)
    return _entry_form_view(request, title, entry)


@not_indexed
@sign_in_required
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _own_entry(request, pk)
    return _entry_form_view(request, entry.title, entry)


def _entry_form_view(request: HttpRequest, title: Title, entry: ListEntry) -> HttpResponse:
    form = ListEntryForm(request.POST or None, instance=entry)
    if request.method == "POST":
        if form.is_valid() and _save(request, form, title) is not None:
            messages.success(request, f"Saved your entry for {title.title}.")
            return redirect(safe_next(request, title.get_absolute_url()))
        return _entry_page(request, title, entry, form, status=422)
    return _entry_page(request, title, entry, form)


def _entry_page(
    request: HttpRequest,
    title: Title,
    entry: ListEntry,
    form: ListEntryForm,
    status: int = 200,
) -> HttpResponse:
    context = {"title": title, "entry": entry, "form": form, "next": safe_next(request, "")}
    return render(request, "reviews/entry_form.html", context, status=status)


@not_indexed
@sign_in_required
def entry_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first, saying that the score goes too; the title comes off the list on POST."""
    user = signed_in_member(request)
    entry = _own_entry(request, pk)
    if request.method != "POST":
        reviewed = Review.objects.filter(user=user, title=entry.title).exists()
        context = {"entry": entry, "reviewed": reviewed, "next": safe_next(request, "")}
        return render(request, "reviews/entry_remove_confirm.html", context)
    try:
        services.list_entry_remove(user=user, title=entry.title)
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(request, f"Removed {entry.title.title} from your list.")
    return redirect(safe_next(request, entry.title.get_absolute_url()))


@filtered_by("status", "sort")
def user_list(request: HttpRequest, username: str) -> HttpResponse:
    member = get_object_or_404(User, username=username, is_active=True)
    status = request.GET.get("status", "")
    if status not in ListEntry.Status.values:
        status = ""
    sort = request.GET.get("sort", "")
    if sort not in LIST_ORDERS or sort == "updated":
        sort = ""
    entries = ListEntry.objects.filter(user=member).seen_by(request.user)
    entries = entries.in_status_order(sort or "updated")
    if status:
        entries = entries.filter(status=status)
    # A member's list grows with them and nothing stores its length: no count.
    page = countless_page_of_ids(
        entries, request.GET.get("page"), settings.LIST_ENTRIES_PER_PAGE,
        lambda ids: ListEntry.objects.filter(pk__in=ids).select_related("title"),
    )  # fmt: skip
    context = {
        "member": member,
        "page": page,
        "groups": _group_by_status(page.object_list),
        "status": status,
        "statuses": ListEntry.Status.choices,
        "sort": sort,
        "sorts": [(key, label) for key, (label, _) in LIST_ORDERS.items() if key != "updated"],
        "is_owner": request.user == member,
        "page_meta": under_member(request, member, "List"),
    }
    return render(request, "reviews/user_list.html", context)


def _group_by_status(entries: list[ListEntry]) -> list[tuple[str, list[ListEntry]]]:
    order = {value: i for i, value in enumerate(ListEntry.Status.values)}
    groups: dict[str, list[ListEntry]] = {}
    for entry in sorted(entries, key=lambda e: order[e.status]):
        groups.setdefault(entry.get_status_display(), []).append(entry)
    return list(groups.items())
