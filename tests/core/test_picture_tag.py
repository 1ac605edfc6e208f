import re
from types import SimpleNamespace

import pytest
from django.core.files.storage import FileSystemStorage
from django.template import Context, Template, TemplateSyntaxError

from core.templatetags.pictures import HUES, hue_for, initials
from titles.models import Title


class NoReads(FileSystemStorage):
    """A storage that fails any test whose page would ask it about a file."""

    def exists(self, name):
        raise AssertionError(f"rendering asked whether {name} exists")

    def size(self, name):
        raise AssertionError(f"rendering read the size of {name}")

    def open(self, name, mode="rb"):
        raise AssertionError(f"rendering opened {name}")


def poster(name: str = "posters/x.jpg") -> Title:
    title = Title(pk=7, title="1 Litre of Tears")
    title.poster = name
    title.poster.storage = NoReads(location="/nonexistent", base_url="/media/")
    return title


def render(source: str, **context) -> str:
    return Template("{% load pictures %}" + source).render(Context(context))


def attributes(html: str) -> dict[str, str]:
    return dict(re.findall(r'([a-z-]+)="([^"]*)"', html))


def test_a_card_poster_offers_its_1x_and_2x_renditions_at_the_exact_size():
    html = render('{% picture t.poster "poster" "card" seed=t.pk label=t.title %}', t=poster())

    assert html.startswith("<img ")
    assert attributes(html) == {
        "src": "/media/posters/x.w64.webp",
        "srcset": "/media/posters/x.w64.webp 64w, /media/posters/x.w128.webp 128w",
        "sizes": "64px",
        "width": "64",
        "height": "96",
        "alt": "",
        "class": "pic pic-poster pic-poster-card",
        "loading": "lazy",
        "decoding": "async",
    }


def test_the_header_poster_loads_at_once_and_first():
    html = render('{% picture t.poster "poster" "header" alt="Poster" %}', t=poster())

    attrs = attributes(html)
    assert (attrs["width"], attrs["height"]) == ("220", "330")
    assert attrs["fetchpriority"] == "high"
    assert "loading" not in attrs
    assert attrs["srcset"].endswith("/media/posters/x.w440.webp 440w")


def test_lazy_false_loads_a_picture_below_the_fold_at_once():
    html = render('{% picture t.poster "poster" "tile" lazy=False %}', t=poster())

    assert "loading" not in attributes(html)
    assert "fetchpriority" not in attributes(html)


def test_alt_text_and_extra_classes_are_escaped():
    html = render(
        '{% picture t.poster "poster" "card" alt=alt classes="mb-3" %}',
        t=poster(),
        alt='"><script>alert(1)</script>',
    )

    assert "<script>" not in html
    assert 'alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert 'class="pic pic-poster pic-poster-card mb-3"' in html


def test_a_title_without_a_poster_shows_its_name_on_a_decorative_placeholder():
    html = render(
        '{% picture t.poster "poster" "card" seed=t.pk label=t.title %}', t=poster(name="")
    )

    assert html.startswith("<span ")
    assert attributes(html.partition(">")[0]) == {
        "class": f"ph ph-poster ph-hue-{hue_for(7)} pic pic-poster pic-poster-card",
        "aria-hidden": "true",
    }
    assert html.endswith('<span class="ph-text">1 Litre of Tears</span></span>')


def test_people_and_members_without_a_picture_show_initials():
    person = SimpleNamespace(photo=None, name="Sawajiri Erika")
    member = SimpleNamespace(avatar="", username="mika_watches")

    portrait = render('{% picture p.photo "portrait" "card" label=p.name %}', p=person)
    avatar = render('{% picture m.avatar "avatar" "sm" label=m.username %}', m=member)

    assert '<span class="ph-text">SE</span>' in portrait
    assert "ph ph-portrait" in portrait
    assert '<span class="ph-text">M</span>' in avatar
    assert "pic-avatar-sm" in avatar


def test_a_placeholder_with_alt_text_is_an_image_with_that_name():
    html = render(
        '{% picture m.avatar "avatar" "lg" alt=alt label="b" %}',
        m=SimpleNamespace(avatar=""),
        alt="Avatar of <b>",
    )

    attrs = attributes(html)
    assert (attrs["role"], attrs["aria-label"]) == ("img", "Avatar of &lt;b&gt;")
    assert "aria-hidden" not in attrs


def test_a_placeholder_label_is_escaped():
    html = render(
        '{% picture t.poster "poster" "tile" label=name %}',
        t=poster(name=""),
        name="<i>Love</i> & War",
    )

    assert "&lt;i&gt;Love&lt;/i&gt; &amp; War" in html


def test_hues_spread_neighbouring_ids_and_cover_every_class():
    assert {hue_for(n) for n in range(HUES)} == set(range(HUES))
    assert hue_for(1) != hue_for(2)
    assert hue_for("mika") == hue_for("mika")


def test_an_unknown_size_is_a_template_error():
    with pytest.raises(TemplateSyntaxError):
        render('{% picture t.poster "poster" "huge" %}', t=poster())


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Sawajiri Erika", "SE"), ("mika_watches", "MW"), ("沢尻エリカ", "沢"), ("", ""), ("  ", "")],
)
def test_initials(name, expected):
    assert initials(name) == expected
