from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from accounts.members import signed_in_member
from core.http import HtmxRequest, form_status, parse_id, safe_next, sign_in_required
from core.metadata import PageMeta, not_indexed, summary
from core.pagination import countless_page
from titles.models import Person, Title

from . import selectors, services
from .forms import AddToListForm, CustomListForm, ItemNoteForm
from .models import CustomList, CustomListItem
from .parts import favorite_context


@sign_in_required
@require_POST
def favorite(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Add a title or person to the member's favorites (favorite=1) or take it off (0)."""
    user = signed_in_member(request)
    wanted = request.POST.get("favorite") != "0"
    thing: Title | Person
    if kind == "title":
        thing = get_object_or_404(Title, pk=pk)
        services.favorite_title_set(user=user, title=thing, favorite=wanted)
    elif kind == "person":
        thing = get_object_or_404(Person, pk=pk)
        services.favorite_person_set(user=user, person=thing, favorite=wanted)
    else:
        raise Http404("Only titles and people can be favorites.")
    if getattr(request, "htmx", False):
        state = selectors.favorite_state([(kind, pk)], {(kind, pk)} if wanted else ())
        return render(request, "lists/_favorite.html", favorite_context(state, kind, pk))
    name = thing.title if isinstance(thing, Title) else thing.name
    done = "is one of your favorites" if wanted else "is no longer one of your favorites"
    messages.success(request, f"{name} {done}.")
    return redirect(safe_next(request, thing.get_absolute_url()))


@cache_control(private=True)
def list_detail(request: HtmxRequest, pk: int) -> HttpResponse:
    """A list, in its owner's order, a page at a time; the owner moves and removes titles."""
    custom_list = selectors.visible_list(pk, request.user)
    page = countless_page(
        selectors.list_items(custom_list).order_by("position"),
        request.GET.get("page"),
        settings.LIST_ITEMS_PER_PAGE,
    )
    is_owner = custom_list.user_id == request.user.pk
    meta = PageMeta(og_type="website", title=custom_list.name)
    meta.description = summary(custom_list.description) or (
        f"A list of {custom_list.items_count} dramas and films by {custom_list.user.username}."
    )
    first = (page.number - 1) * settings.LIST_ITEMS_PER_PAGE + 1
    context = {"list": custom_list, "page": page, "items": page.object_list, "first": first,
               "is_owner": is_owner, "page_meta": meta}  # fmt: skip
    if request.htmx and request.htmx.target == "list-items":
        return render(request, "lists/_items.html", context)
    return render(request, "lists/list_detail.html", context)


@not_indexed
@sign_in_required
def list_new(request: HttpRequest) -> HttpResponse:
    form = CustomListForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.custom_list_create(user=signed_in_member(request), **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, f"Made your list {made.name}.")
            return redirect(made)
    return render(request, "lists/list_form.html", {"form": form},
                  status=form_status(form))  # fmt: skip


@not_indexed
@sign_in_required
def list_edit(request: HttpRequest, pk: int) -> HttpResponse:
    custom_list = get_object_or_404(CustomList, pk=pk, user=request.user)
    form = CustomListForm(request.POST or None, instance=custom_list)
    user = signed_in_member(request)
    if request.method == "POST":
        if "delete" in request.POST:
            services.custom_list_delete(user=user, custom_list=custom_list)
            messages.success(request, f"Deleted your list {custom_list.name}.")
            return redirect(user.get_absolute_url())
        if form.is_valid():
            saved = services.custom_list_update(user=user, custom_list=custom_list,
                                                **form.cleaned_data)  # fmt: skip
            messages.success(request, f"Saved your list {saved.name}.")
            return redirect(saved)
    context = {"form": form, "list": custom_list}
    return render(request, "lists/list_form.html", context, status=form_status(form))


@sign_in_required
@require_POST
def item_add(request: HttpRequest, title_pk: int) -> HttpResponse:
    """A title onto one of the member's lists, from the title page."""
    title = get_object_or_404(Title, pk=title_pk)
    user = signed_in_member(request)
    form = AddToListForm(request.POST, user=user)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(title)
    custom_list = form.cleaned_data["custom_list"]
    try:
        services.custom_list_add(user=user, custom_list=custom_list, title=title,
                                 note=form.cleaned_data["note"])  # fmt: skip
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(request, f"Added {title.title} to {custom_list.name}.")
    return redirect(title)


@sign_in_required
@require_POST
def item_change(request: HttpRequest, pk: int, title_pk: int) -> HttpResponse:
    """Move a title up or down the member's own list, or take it off: in place with htmx."""
    custom_list = get_object_or_404(CustomList, pk=pk)
    title = get_object_or_404(Title, pk=title_pk)
    user = signed_in_member(request)
    action = request.POST.get("action")
    if action in ("up", "down"):
        services.custom_list_move(user=user, custom_list=custom_list, title=title,
                                  up=action == "up")  # fmt: skip
    elif action == "remove":
        services.custom_list_remove(user=user, custom_list=custom_list, title=title)
    elif action in ("before", "after"):  # a drag and drop (static/js/list-order.js)
        beside = get_object_or_404(Title, pk=parse_id(request.POST.get("beside")) or 0)
        try:
            services.custom_list_place(user=user, custom_list=custom_list, title=title,
                                       beside=beside, after=action == "after")  # fmt: skip
        except ValidationError as refused:
            messages.error(request, refused.messages[0])
    else:
        raise Http404("No such change.")
    return redirect(safe_next(request, custom_list.get_absolute_url()))


@not_indexed
@sign_in_required
def item_note(request: HttpRequest, pk: int, title_pk: int) -> HttpResponse:
    """The member's note on a title of their own list; a refused note is shown again."""
    item = get_object_or_404(
        CustomListItem.objects.select_related("custom_list", "title"),
        custom_list__pk=pk, custom_list__user=request.user, title__pk=title_pk,
    )  # fmt: skip
    form = ItemNoteForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        services.custom_list_note(user=signed_in_member(request), custom_list=item.custom_list,
                                  title=item.title, note=form.cleaned_data["note"])  # fmt: skip
        messages.success(request, f"Saved your note on {item.title.title}.")
        return redirect(safe_next(request, item.custom_list.get_absolute_url()))
    context = {"form": form, "item": item, "next": safe_next(request, "")}
    return render(request, "lists/item_note.html", context, status=form_status(form))
