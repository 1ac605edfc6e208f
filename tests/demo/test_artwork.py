import io

import pytest
from PIL import Image, ImageChops

from demo import artwork, fonts

SEED = {
    "title": "1 Litre of Tears",
    "native_title": "1 リットルの涙",
    "language": "ja",
    "genres": ["Drama", "Medical", "Youth", "Romance"],
    "caption": "Drama · 2005",
}


@pytest.fixture
def no_cjk_font(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "NOTO_CJK", tmp_path / "missing.ttc")
    fonts.native.cache_clear()
    yield
    fonts.native.cache_clear()


def differs(a: Image.Image, b: Image.Image) -> bool:
    return ImageChops.difference(a, b).getbbox() is not None


def test_a_poster_is_a_2_by_3_picture_drawn_the_same_way_every_time():
    first = artwork.poster(**SEED)

    assert (first.size, first.mode) == ((600, 900), "RGB")
    assert not differs(first, artwork.poster(**SEED))


def test_posters_of_different_titles_differ_in_colours():
    other = artwork.poster(**{**SEED, "title": "Pure Soul", "native_title": ""})

    def main_colour(image: Image.Image) -> tuple:
        return image.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))

    assert main_colour(other) != main_colour(artwork.poster(**SEED))


def test_the_native_title_is_drawn_when_a_font_has_its_glyphs():
    assert fonts.covers(fonts.native("ja", 30), "1 リットルの涙")
    without = artwork.poster(**{**SEED, "native_title": ""})

    assert differs(artwork.poster(**SEED), without)


def test_without_a_cjk_font_the_poster_is_drawn_without_the_native_title(no_cjk_font):
    poster = artwork.poster(**SEED)

    assert poster.size == (600, 900)
    assert not differs(poster, artwork.poster(**{**SEED, "native_title": ""}))


def test_text_no_font_can_draw_is_left_out():
    latin = fonts.latin("sans", 20)

    assert fonts.covers(latin, "Pure Soul")
    assert not fonts.covers(latin, "沢尻")


def test_a_long_title_is_wrapped_and_cut_to_fit_the_poster():
    title = "The Extraordinarily Long and Winding Road Home " * 4

    font, lines = fonts.fit(title, 512, 3, range(92, 39, -4), fonts.FontMaker("sans"))

    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert all(fonts.width_of(font, line) <= 512 for line in lines)


def test_a_word_longer_than_a_line_is_broken():
    font = fonts.latin("sans", 40)

    lines = fonts.wrap(font, "Supercalifragilisticexpialidocious", 200)

    assert len(lines) > 1
    assert "".join(lines) == "Supercalifragilisticexpialidocious"


def test_portraits_and_avatars_have_their_shapes_and_depend_on_the_name():
    portrait = artwork.portrait(name="Sawajiri Erika")
    avatar = artwork.avatar(name="hanako")

    assert portrait.size == (400, 600)
    assert avatar.size == (256, 256)
    assert differs(avatar, artwork.avatar(name="minsu"))
    assert not differs(avatar, artwork.avatar(name="hanako"))


def test_names_in_other_scripts_never_fail(no_cjk_font):
    assert artwork.avatar(name="月見").size == (256, 256)
    assert artwork.portrait(name="สมชาย").size == (400, 600)
    assert artwork.poster(title="ชื่อ", native_title="ชื่อเรื่อง", language="th").size == (600, 900)


def test_pictures_encode_as_jpeg():
    assert Image.open(io.BytesIO(artwork.jpeg(artwork.avatar(name="x")))).format == "JPEG"
