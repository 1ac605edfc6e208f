"""The demo's own lists of titles: one that hanako_watches shares and one she keeps private."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from lists.models import CustomList
from lists.services import custom_list_add, custom_list_create
from titles.models import Title

from .ratings import HANDLES

SHARED = (
    "Dramas that made me cry",
    "Stories that earn their tears instead of asking for them.",
    [
        ("1 Litre of Tears", "The one I measure every other drama against."),
        ("Taiyou no Uta", "Shorter than it feels, in the best way."),
        ("A Moment to Remember", "Watch it with someone you love."),
        ("Crash Landing on You", "More laughing than crying, until the last episodes."),
    ],
)
PRIVATE = ("Maybe one day", "Titles I am not sure about yet.", ["Reply 1988", "Nodame Cantabile"])


@transaction.atomic
def load_lists() -> None:
    owner = User.objects.get(username=HANDLES[0])
    if CustomList.objects.filter(user=owner).exists():
        return
    titles = {title.title: title for title in Title.objects.all()}
    name, description, items = SHARED
    shared = custom_list_create(user=owner, name=name, description=description)
    for title, note in items:
        custom_list_add(user=owner, custom_list=shared, title=titles[title], note=note)
    name, description, planned = PRIVATE
    private = custom_list_create(user=owner, name=name, description=description, is_private=True)
    for title in planned:
        custom_list_add(user=owner, custom_list=private, title=titles[title])
