from django import forms
from django.conf import settings


class CommentForm(forms.Form):
    """What a person types. The rules (length, rate, parent) live in the services, which
    report problems as errors that the views attach to this form."""

    body = forms.CharField(label="Comment", required=False)
    is_spoiler = forms.BooleanField(
        label="Contains spoilers (folded until a reader reveals it)", required=False
    )
    episode = forms.IntegerField(required=False, min_value=1, max_value=32767)

    # How many episodes the commented title has: the new-comment form offers to say which one
    # a comment is about (0: not a title with episodes).
    episodes = 0

    # Set on the top form sent back beside a posted reply: htmx keeps what is typed in it.
    preserve_body = False

    @property
    def episode_numbers(self) -> range:
        return range(1, self.episodes + 1)

    @property
    def max_length(self) -> int:
        """For the text box (templates/comments/_fields.html); the services enforce it."""
        return settings.COMMENT_MAX_LENGTH


def comment_form(
    data=None, *, parent_id: int | None = None, initial=None, episodes: int = 0
) -> CommentForm:
    """A form whose field ids stay unique when several reply forms share one page."""
    auto_id = f"id_reply_{parent_id}_%s" if parent_id else "id_comment_%s"
    form = CommentForm(data, initial=initial, auto_id=auto_id)
    if parent_id:
        form.fields["body"].label = "Your reply"
    else:
        form.episodes = episodes
    return form
