from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.members import signed_in_member
from core.http import safe_next, sign_in_required
from titles.models import Person, Title

from . import selectors, services


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
        state = selectors.favorite_state(user, [(kind, pk)])
        context = {"kind": kind, "pk": pk, "count": state.counts.get((kind, pk), 0),
                   "favored": (kind, pk) in state.mine}  # fmt: skip
        return render(request, "lists/_favorite.html", context)
    name = thing.title if isinstance(thing, Title) else thing.name
    done = "is one of your favorites" if wanted else "is no longer one of your favorites"
    messages.success(request, f"{name} {done}.")
    return redirect(safe_next(request, thing.get_absolute_url()))
