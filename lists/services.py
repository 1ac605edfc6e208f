"""Writes to members' favorites, with the counts they feed."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from accounts.models import User
from core.counters import counter_add
from core.page_cache import object_version, pages_changed, title_version
from titles.models import Person, Title

from .models import FavoritePerson, FavoriteTitle, PersonFavoriteCount, TitleFavoriteCount


@transaction.atomic
def favorite_title_set(*, user: User, title: Title, favorite: bool) -> bool:
    """Make `title` one of the member's favorites (last in their order), or not. Returns
    whether anything changed; asking twice changes nothing."""
    pages_changed(title_version(title.pk))
    if not favorite:
        removed, _ = FavoriteTitle.objects.filter(user=user, title=title).delete()
        if removed:
            counter_add(TitleFavoriteCount, keys={"title_id": title.pk}, delta=-1)
        return bool(removed)
    # The member's favorites are written one at a time: the lock keeps positions apart.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if FavoriteTitle.objects.filter(user=user, title=title).exists():
        return False
    last = FavoriteTitle.objects.filter(user=user).aggregate(last=Max("position"))["last"]
    FavoriteTitle.objects.create(user=user, title=title, position=(last or 0) + 1)
    counter_add(TitleFavoriteCount, keys={"title_id": title.pk}, delta=1)
    return True


@transaction.atomic
def favorite_person_set(*, user: User, person: Person, favorite: bool) -> bool:
    """Make `person` one of the member's favorites, or not; whether anything changed."""
    pages_changed(object_version("titles.person", person.pk))
    if not favorite:
        removed, _ = FavoritePerson.objects.filter(user=user, person=person).delete()
        if removed:
            counter_add(PersonFavoriteCount, keys={"person_id": person.pk}, delta=-1)
        return bool(removed)
    _, made = FavoritePerson.objects.get_or_create(user=user, person=person)
    if made:
        counter_add(PersonFavoriteCount, keys={"person_id": person.pk}, delta=1)
    return made


@transaction.atomic
def favorite_title_move(*, user: User, title: Title, up: bool) -> None:
    """Swap the title with its neighbour above (or below) in the member's order."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    mine = FavoriteTitle.objects.filter(user=user)
    here = mine.get(title=title)
    neighbours = (
        mine.filter(position__lt=here.position).order_by("-position")
        if up
        else mine.filter(position__gt=here.position).order_by("position")
    )
    other = neighbours.first()
    if other is None:
        return
    here.position, other.position = other.position, here.position
    FavoriteTitle.objects.bulk_update([here, other], ["position"])
