"""The demo's favorites: the named viewers' favorite titles and people, through the services so
that the counts follow."""

from __future__ import annotations

import random

from django.db import transaction

from accounts.models import User
from lists.services import favorite_person_set, favorite_title_set
from titles.models import Person, Title

from .ratings import HANDLES

# hanako_watches's "top four", in her order, and the people she follows most.
FIRST_FAVORITES = ["1 Litre of Tears", "Crash Landing on You", "Your Name.", "Nodame Cantabile"]
FIRST_PEOPLE = ["Sawajiri Erika", "Nishikido Ryo", "Yakushimaru Hiroko"]


@transaction.atomic
def load_favorites() -> None:
    viewers = {user.username: user for user in User.objects.filter(username__in=HANDLES)}
    titles = {title.title: title for title in Title.objects.order_by("pk")}
    people = {person.name: person for person in Person.objects.filter(name__in=FIRST_PEOPLE)}
    first = viewers[HANDLES[0]]
    for name in FIRST_FAVORITES:
        favorite_title_set(user=first, title=titles[name], favorite=True)
    for name in FIRST_PEOPLE:
        favorite_person_set(user=first, person=people[name], favorite=True)
    rng = random.Random(17)
    for handle in HANDLES[1:]:
        for title in rng.sample(list(titles.values()), 3):
            favorite_title_set(user=viewers[handle], title=title, favorite=True)
