"""Writes to members' favorites and lists, with the counts and page versions they move."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from core.counters import counter_add
from core.versions import member_version, object_version, pages_changed, title_version
from social.models import Verb
from social.services import activity_record
from titles.models import Person, Title

from .models import (
    LIST_ITEMS_MAX,
    LISTS_PER_MEMBER,
    CustomList,
    CustomListItem,
    FavoritePerson,
    FavoriteTitle,
    PersonFavoriteCount,
    TitleFavoriteCount,
)

# What carries a member's own order: a favorite title or a list's item.
Positioned = TypeVar("Positioned", FavoriteTitle, CustomListItem)


@transaction.atomic
def favorite_title_set(*, user: User, title: Title, favorite: bool) -> bool:
    """Make `title` one of the member's favorites (last in their order), or not. Returns
    whether anything changed; asking twice changes nothing."""
    pages_changed(title_version(title.pk, "favorites"), member_version(user.pk))
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
    pages_changed(object_version("titles.person", person.pk), member_version(user.pk))
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
    _swap_with_neighbour(mine, mine.get(title=title), up)


@transaction.atomic
def custom_list_create(*, user: User, name: str, description: str = "",
                       is_private: bool = False) -> CustomList:  # fmt: skip
    User.objects.select_for_update().filter(pk=user.pk).first()
    pages_changed(member_version(user.pk))  # "Add to a list" offers it
    if CustomList.objects.filter(user=user).count() >= LISTS_PER_MEMBER:
        raise ValidationError(f"You can keep at most {LISTS_PER_MEMBER} lists.", code="too_many")
    made = CustomList.objects.create(
        user=user, name=name, description=description, is_private=is_private
    )
    # Followers' feeds show it while it is public (front/feed.py asks).
    activity_record(actor_id=user.pk, verb=Verb.LISTED, object_id=made.pk)
    return made


@transaction.atomic
def custom_list_add(*, user: User, custom_list: CustomList, title: Title,
                    note: str = "") -> CustomListItem:  # fmt: skip
    """Put `title` at the end of the member's own list; refused past the limit or twice."""
    locked = _own_locked(user, custom_list)
    if CustomListItem.objects.filter(custom_list=locked, title=title).exists():
        raise ValidationError(f"{title.title} is already on {locked.name}.", code="twice")
    if locked.items_count >= LIST_ITEMS_MAX:
        raise ValidationError(
            f"{locked.name} already holds {LIST_ITEMS_MAX} titles, as many as a list can.",
            code="full",
        )
    last = CustomListItem.objects.filter(custom_list=locked).aggregate(last=Max("position"))
    item = CustomListItem.objects.create(
        custom_list=locked, title=title, note=note, position=(last["last"] or 0) + 1
    )
    counter_add(CustomList, keys={"pk": locked.pk}, delta=1, field="items_count", create=False)
    CustomList.objects.filter(pk=locked.pk).update(updated_at=timezone.now())
    if not locked.is_private:  # the title page names the public lists that hold it
        pages_changed(title_version(title.pk, "lists"))
    return item


@transaction.atomic
def custom_list_remove(*, user: User, custom_list: CustomList, title: Title) -> None:
    locked = _own_locked(user, custom_list)
    removed, _ = CustomListItem.objects.filter(custom_list=locked, title=title).delete()
    if removed:
        counter_add(CustomList, keys={"pk": locked.pk}, delta=-1, field="items_count")
        if not locked.is_private:
            pages_changed(title_version(title.pk, "lists"))


@transaction.atomic
def custom_list_update(*, user: User, custom_list: CustomList, name: str, description: str,
                       is_private: bool) -> CustomList:  # fmt: skip
    """Rename, describe or hide the member's own list; the pages of its titles, which name
    it, are made afresh."""
    locked = _own_locked(user, custom_list)
    _titles_changed(locked)
    locked.name, locked.description, locked.is_private = name, description, is_private
    locked.save()
    return locked


@transaction.atomic
def custom_list_delete(*, user: User, custom_list: CustomList) -> None:
    locked = _own_locked(user, custom_list)
    _titles_changed(locked)
    locked.delete()


def _titles_changed(custom_list: CustomList) -> None:
    """Every title page that may name the list (at most LIST_ITEMS_MAX of them), and its
    member's "Add to a list", which offers it."""
    ids = CustomListItem.objects.filter(custom_list=custom_list).values_list("title_id", flat=True)
    pages_changed(*[title_version(pk, "lists") for pk in ids], member_version(custom_list.user_id))


@transaction.atomic
def custom_list_move(*, user: User, custom_list: CustomList, title: Title, up: bool) -> None:
    """Swap the title with its neighbour above (or below) on the member's own list."""
    items = CustomListItem.objects.filter(custom_list=_own_locked(user, custom_list))
    if (here := items.filter(title=title).first()) is not None:
        _swap_with_neighbour(items, here, up)


@transaction.atomic
def custom_list_place(*, user: User, custom_list: CustomList, title: Title, beside: Title,
                      after: bool) -> None:  # fmt: skip
    """Put the title just before (or after) `beside` on the member's own list, as a drag and
    drop does; the titles between move by one."""
    items = list(
        CustomListItem.objects.filter(custom_list=_own_locked(user, custom_list)).order_by(
            "position"
        )
    )
    moving = next((item for item in items if item.title_id == title.pk), None)
    if moving is None or beside.pk == title.pk:
        return
    items.remove(moving)
    at = next((n for n, item in enumerate(items) if item.title_id == beside.pk), None)
    if at is None:
        raise ValidationError(f"{beside.title} is not on {custom_list.name}.", code="not_on_list")
    positions = sorted([moving.position, *(item.position for item in items)])
    items.insert(at + 1 if after else at, moving)
    changed = []
    for item, position in zip(items, positions, strict=True):
        if item.position != position:
            item.position = position
            changed.append(item)
    CustomListItem.objects.bulk_update(changed, ["position"])


@transaction.atomic
def custom_list_note(*, user: User, custom_list: CustomList, title: Title,
                     note: str) -> CustomListItem:  # fmt: skip
    """Change the member's note on a title of their own list."""
    items = CustomListItem.objects.filter(custom_list=_own_locked(user, custom_list))
    item = items.filter(title=title).first()
    if item is None:
        raise Http404("That title is not on this list.")
    item.note = note
    item.full_clean(exclude=["custom_list", "title"])
    item.save(update_fields=["note"])
    return item


def _swap_with_neighbour(items: QuerySet[Positioned], here: Positioned, up: bool) -> None:
    """Swap `here`'s position with the next one above (or below) it among `items`."""
    neighbours = (
        items.filter(position__lt=here.position).order_by("-position")
        if up
        else items.filter(position__gt=here.position).order_by("position")
    )
    if (other := neighbours.first()) is not None:
        here.position, other.position = other.position, here.position
        type(here).objects.bulk_update([here, other], ["position"])


def _own_locked(user: User, custom_list: CustomList) -> CustomList:
    """The member's own list, locked while it changes; someone else's is not found (404)."""
    found = CustomList.objects.select_for_update().filter(pk=custom_list.pk, user=user).first()
    if found is None:
        raise Http404("No such list of yours.")
    return found
