from django.template import Context, Template


def render(source: str, **context: object) -> str:
    return Template("{% load oneline %}" + source).render(Context(context))


def test_it_joins_the_lines_of_the_rest_of_the_template_and_drops_their_indentation():
    source = '{% oneline %}\n<p class="a">\n  {% if on %}\n    <b>on</b>\n  {% endif %}\n</p>\n'
    assert render(source, on=True) == '<p class="a"><b>on</b></p>'


def test_it_keeps_the_spaces_within_a_line():
    assert render("{% oneline %}\n<span>Your Rating:</span> <a>Sign in</a> to rate\n") == (
        "<span>Your Rating:</span> <a>Sign in</a> to rate"
    )


def test_it_leaves_the_line_breaks_of_what_variables_put_out():
    assert render("{% oneline %}\n<div>\n  {{ select }}\n</div>\n", select="<a>\n<b>") == (
        "<div>&lt;a&gt;\n&lt;b&gt;</div>"
    )


def test_the_text_before_it_is_left_alone():
    assert render("<p>\n</p>{% oneline %}\n<p>\n</p>") == "<p>\n</p><p></p>"
