"""Marks for the viewer's own parts of a page, and how they are filled (core/personal.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from core import marks, personal


@pytest.fixture
def greeting():
    """A part that says who is looking, and counts how often its marks were loaded."""
    loads: list[list[tuple[str, ...]]] = []

    def load(viewer, args):
        loads.append(args)
        return {"hello": "Hello"}

    @personal.personal_part("tests.greeting", load=load)
    def render(viewer, loaded, number, word):
        name = viewer.user.username if viewer.user.is_authenticated else "visitor"
        return f"{loaded['hello']} {name} {number}{word}"

    yield loads
    del personal.PARTS["tests.greeting"]


def request_by(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_a_template_leaves_a_mark_that_fill_replaces(greeting, user):
    page = Template('{% load personal %}<p>{% personal "tests.greeting" 7 "a" %}</p>').render(
        Context()
    )
    assert page == "<p><!--personal tests.greeting 7 a--></p>"

    assert personal.fill(request_by(user), page) == f"<p>Hello {user.username} 7a</p>"
    assert personal.fill(request_by(user), page, as_visitor=True) == "<p>Hello visitor 7a</p>"


def test_each_kind_of_part_loads_once_for_all_its_marks(greeting):
    page = "".join(personal.mark("tests.greeting", n, "x") for n in range(3))

    filled = personal.fill(request_by(AnonymousUser()), page)

    assert filled == "Hello visitor 0xHello visitor 1xHello visitor 2x"
    assert greeting == [[("0", "x"), ("1", "x"), ("2", "x")]]


def test_a_missing_argument_comes_back_as_an_empty_word(greeting):
    page = personal.mark("tests.greeting", None, "y")

    assert page == "<!--personal tests.greeting  y-->"
    assert personal.fill(request_by(AnonymousUser()), page) == "Hello visitor y"


@pytest.mark.parametrize("argument", ["two words", "<b>", "a-->b", "ünïcode's"])
def test_a_mark_takes_only_words_so_no_text_can_break_out_of_it(greeting, argument):
    with pytest.raises(ValueError, match="takes words"):
        personal.mark("tests.greeting", argument, "z")


def test_an_unknown_part_is_refused_when_the_page_is_rendered():
    with pytest.raises(ValueError, match="no personal part"):
        personal.mark("tests.nothing")


def test_escaped_text_never_makes_a_mark(greeting):
    text = Template("{{ text }}").render(Context({"text": "<!--personal tests.greeting 1 a-->"}))

    assert personal.fill(request_by(AnonymousUser()), text) == text
    assert greeting == []


def test_a_block_shows_its_shared_markup_only_to_the_viewer_its_part_chooses(user, user_factory):
    page = Template(
        '{% load personal %}<p>{% personal_block "accounts.viewer_is" author %}'
        '<a href="/edit/">Edit</a>{% endpersonal_block %}</p>'
    ).render(Context({"author": user.pk}))
    assert page == (
        f'<p><!--personal-block accounts.viewer_is {user.pk}--><a href="/edit/">Edit</a>'
        "<!--/personal-block--></p>"
    )

    assert personal.fill(request_by(user), page) == '<p><a href="/edit/">Edit</a></p>'
    assert personal.fill(request_by(user_factory()), page) == "<p></p>"
    assert personal.fill(request_by(AnonymousUser()), page) == "<p></p>"


def test_a_block_holds_no_marks(greeting):
    with pytest.raises(ValueError, match="cannot hold marks"):
        personal.block("accounts.viewer_is", 1, content=personal.mark("tests.greeting", 1, "a"))


def test_kept_markup_is_shared_but_each_page_carries_its_own_valid_form_token(
    title_factory, user_factory
):
    """ "Your Rating" is kept once per worker for each state of the form (core/personal.py);
    two members see the same markup, each with a form token their own session accepts, and a
    member's new rating shows at once."""
    import re

    from django.test import Client

    from reviews.models import ListEntry

    title = title_factory(title="Quiet Harbour", episodes=12)
    forms = {}
    for name in ("aki", "ren"):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(user_factory(username=name))
        html = browser.get(title.get_absolute_url()).content.decode()
        form = re.search(r'<section id="your-entry".*?</section>', html, re.S).group(0)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        forms[name] = (browser, form, token)
        assert "keptformtokenstandin" not in html
    (aki, aki_form, aki_token), (_, ren_form, ren_token) = forms["aki"], forms["ren"]
    assert aki_token != ren_token
    assert aki_form.replace(aki_token, "") == ren_form.replace(ren_token, "")

    rating = {"status": "completed", "score": "8.0", "csrfmiddlewaretoken": aki_token}
    rated = aki.post(f"/titles/{title.pk}/rate/", rating)
    assert rated.status_code in (200, 302)
    assert ListEntry.objects.get(title=title).score == 8
    html = aki.get(title.get_absolute_url()).content.decode()
    assert "On your list: Completed" in html and "your rating 8.0" in html


def test_the_form_token_goes_only_where_a_form_asks_for_it(client, user_factory):
    """Kept markup holds a stand-in for the form token (core/personal.py `stand_in`); a page
    address (it goes into the account menu's Sign out form) never receives the token, and the
    stand-in itself never goes out."""
    import re

    from core.personal import stand_in

    client.force_login(user_factory(username="aki"))
    html = client.get("/search/", {"q": "keptformtokenstandin"}).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert 'name="next" value="/search/?q=keptformtokenstandin"' in html
    assert f"q={token}" not in html
    assert stand_in() not in html and stand_in() not in client.get("/search/").content.decode()


def test_a_page_is_split_at_its_marks_once_and_filled_the_same_for_each_viewer(
    greeting, user, user_factory, monkeypatch
):
    splits = marks.Splits(limit=1_000)
    monkeypatch.setattr(marks, "splits", splits)
    scanned = []
    matches = marks.matches
    monkeypatch.setattr(marks, "matches", lambda page: scanned.append(page) or matches(page))
    block = personal.block("accounts.viewer_is", user.pk, content="<a>Edit</a>")
    page = f"<p>{personal.mark('tests.greeting', 1, 'a')}</p>{block}<i>end</i>"
    other = user_factory(username="other")

    mine = personal.fill(request_by(user), page, key="page:1")
    theirs = personal.fill(request_by(other), page, key="page:1")
    personal.fill(request_by(other), page)  # a page without a key of its own: scanned again

    assert mine == f"<p>Hello {user.username} 1a</p><a>Edit</a><i>end</i>"
    assert theirs == "<p>Hello other 1a</p><i>end</i>"
    assert scanned == [page, page]  # the second viewer's fill read the kept split


def test_the_split_pages_kept_are_bounded_and_the_least_recently_filled_go_first():
    splits = marks.Splits(limit=30)
    first, second, third = "a" * 10, "b" * 10, "c" * 15
    splits.split(first, "first")
    splits.split(second, "second")
    splits.split(first, "first")  # filled again: now the most recent
    splits.split(third, "third")  # 35 in all: the least recently filled goes
    assert list(splits._kept) == ["first", "third"]
    splits.split("d" * 31, "fourth")  # more than the whole limit: split, never kept
    assert list(splits._kept) == ["first", "third"]


def test_a_members_stored_page_is_split_to_fill_its_live_parts_but_the_split_is_not_kept(
    user, monkeypatch
):
    splits = marks.Splits(limit=1_000_000)
    monkeypatch.setattr(marks, "splits", splits)
    page = f"<header>{personal.mark('social.bell')}</header><p>their own page</p>"

    filled = personal.fill_live(request_by(user), personal.LivePage.of_text(page, "utf-8")).decode()

    assert personal.MARK_START not in filled and "their own page" in filled
    assert not splits._kept  # a page one member reads: keeping it would push shared ones out
    personal.fill(request_by(user), page, key="page:1")
    assert list(splits._kept) == ["page:1"]


def test_a_members_kept_page_gets_their_live_parts_and_this_requests_token(user):
    form = f'<input name="csrfmiddlewaretoken" value="{personal.stand_in()}">'
    page = f"<header>{personal.mark('social.bell')}</header><p>♥ {form}</p><p>{form}</p>"
    kept = personal.LivePage.of_text(page, "utf-8")
    request = request_by(user)

    filled = personal.fill_live(request, kept).decode()

    import re

    from django.middleware.csrf import _check_token_format, _unmask_cipher_token

    tokens = re.findall(r'value="([^"]+)"', filled)
    assert len(tokens) == 2 and tokens[0] == tokens[1] and "♥" in filled
    _check_token_format(tokens[0])
    assert _unmask_cipher_token(tokens[0]) == request.META["CSRF_COOKIE"]
    assert personal.stand_in() not in filled and personal.MARK_START not in filled
    assert 'class="site-bell' in filled


def test_a_kept_page_without_a_form_makes_no_token(user):
    request = request_by(user)

    personal.fill_live(request, personal.LivePage.of_text("<p>no form here</p>", "utf-8"))

    assert "CSRF_COOKIE" not in request.META


@pytest.mark.parametrize("page", [
    "", "<!--personal", "a <!--personal tests.greeting 1 a--> b <!--personal x",
    "<!--personal tests.greeting 1 a--><!--personal tests.greeting 2 b-->",
    "<!--personal-block accounts.viewer_is 3-->Edit<!--/personal-block--> <!--personal-block",
    "<!--personal BAD--><!--personal tests.greeting 1 a-->",
])  # fmt: skip
def test_marks_are_found_as_the_regular_expression_finds_them(greeting, page):
    found = [match.span() for match in marks.matches(page)]

    assert found == [match.span() for match in marks.MARK.finditer(page)]
