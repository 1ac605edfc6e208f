"""Comment pages and forms. Each works as a plain form; with htmx, replies and new comments
appear in place."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from accounts.members import signed_in_member
from core.http import HtmxRequest, form_status, parse_id, sign_in_required
from core.metadata import not_indexed
from core.page_cache import cached_page, depends_on
from core.throttle import TOO_MANY, check_rate, throttled
from core.versions import CATALOGUE, COMMENTS, MEMBERS, NEWS

from . import locations, selectors, services
from .forms import CommentForm, comment_form
from .like_button import like_button
from .metadata import thread_meta
from .models import Comment, CommentLike

# Errors about the text go next to the text box; the others above the form.
BODY_ERRORS = {"empty", "too_long"}


def comment_rate() -> str | None:
    """How often a member may post (core/throttle.py): one comment every
    COMMENT_RATE_LIMIT_SECONDS, or as often as they like when that is 0."""
    seconds = settings.COMMENT_RATE_LIMIT_SECONDS
    return f"1/{seconds}s" if seconds > 0 else None


def too_fast(wait: int) -> str:
    limit = settings.COMMENT_RATE_LIMIT_SECONDS
    every = "second" if limit == 1 else f"{limit} seconds"
    left = "1 second" if wait == 1 else f"{wait} seconds"
    return (
        f"You are posting too fast: one comment every {every}. Please wait {left} and post "
        "again; your text is still here."
    )


@cached_page(depends_on(COMMENTS, CATALOGUE, NEWS, MEMBERS), reads=("page",))
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("author"), pk=pk)
    if comment.root_id is not None:
        return redirect(locations.thread_location(comment))
    detail = selectors.thread_detail(
        root=comment, viewer=request.user, page_number=request.GET.get("page")
    )
    context = {"detail": detail, "page_meta": thread_meta(request, detail)}
    return render(request, "comments/thread.html", context)


@not_indexed
@require_POST
@sign_in_required
def post(request: HtmxRequest, content_type_id: int, object_id: int) -> HttpResponse:
    target = _target_or_404(content_type_id, object_id)
    parent_id = _parent_id(request.POST.get("parent", "").strip())
    form = comment_form(request.POST, parent_id=parent_id,
                        episodes=selectors.episodes_of(target))  # fmt: skip
    if form.is_valid():
        throttle = partial(check_rate, request, group="comment", rate=comment_rate(), key="user",
                           message=too_fast)  # fmt: skip
        try:
            comment = services.comment_post(
                author=request.user,
                target=target,
                body=form.cleaned_data["body"],
                is_spoiler=form.cleaned_data["is_spoiler"],
                parent_id=parent_id,
                episode=form.cleaned_data["episode"] if parent_id is None else None,
                throttle=throttle,
            )
        except ValidationError as error:
            _add_error(form, error)
        else:
            return _posted(request, comment, target)
    return _post_refused(request, form, target, parent_id)


@not_indexed
@sign_in_required
def reply(request: HtmxRequest, pk: int) -> HttpResponse:
    parent = get_object_or_404(Comment.objects.select_related("author"), pk=pk)
    if not parent.is_visible:
        return _refused(request, "This comment takes no replies.", status=404)
    return _reply_form(request, comment_form(parent_id=parent.pk), parent, parent.pk, parent.target)


@not_indexed
@sign_in_required
def edit(request: HtmxRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment, pk=pk)
    if comment.author_id != request.user.pk:
        return _refused(request, "You can only edit your own comments.", status=403)
    if not comment.is_visible:
        return _refused(request, "This comment can no longer be edited.", status=404)
    initial = {"body": comment.body, "is_spoiler": comment.is_spoiler}
    form = comment_form(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            comment = services.comment_edit(
                comment=comment,
                editor=request.user,
                body=form.cleaned_data["body"],
                is_spoiler=form.cleaned_data["is_spoiler"],
            )
        except PermissionDenied as error:
            return _refused(request, str(error), status=403)
        except ValidationError as error:
            _add_error(form, error)
        else:
            messages.success(request, "Your comment is updated.")
            return redirect(locations.comment_location(comment))
    context = {
        "form": form,
        "heading": "Edit your comment",
        "submit": "Save changes",
        "action": comment_url("edit", comment),
        "target": comment.target,
    }
    return render(request, "comments/form_page.html", context, status=form_status(form))


@not_indexed
@sign_in_required
def delete(request: HtmxRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("author"), pk=pk)
    if comment.author_id != request.user.pk:
        return _refused(request, "You can only delete your own comments.", status=403)
    if comment.state == Comment.State.DELETED:
        return _refused(request, "This comment is already deleted.", status=404)
    if request.method == "POST":
        try:
            services.comment_delete(comment=comment, user=request.user)
        except PermissionDenied as error:
            return _refused(request, str(error), status=403)
        except ValidationError as error:
            return _refused(request, error.messages[0], status=409)
        messages.success(request, "Your comment is deleted.")
        return redirect(locations.comment_location(comment))
    return render(
        request, "comments/delete_confirm.html", {"comment": comment, "target": comment.target}
    )


@not_indexed
@require_POST
@sign_in_required
def hide(request: HtmxRequest, pk: int) -> HttpResponse:
    return _moderate(request, pk, services.comment_hide, "The comment is hidden.")


@not_indexed
@require_POST
@sign_in_required
def restore(request: HtmxRequest, pk: int) -> HttpResponse:
    return _moderate(request, pk, services.comment_restore, "The comment is visible again.")


@not_indexed
@require_POST
@sign_in_required
def like(request: HtmxRequest, pk: int) -> HttpResponse:
    """Like a comment, or take the like back; htmx gets the Like button back in place."""
    user = signed_in_member(request)
    comment = get_object_or_404(Comment, pk=pk)
    answer = request.POST.get("liked")
    error, status = None, 200
    if answer not in ("yes", "no"):
        error, status = "Say whether you like it.", 422
    elif throttled(request, group="vote", rate=settings.VOTE_RATE):
        error, status = TOO_MANY, 429
    else:
        try:
            comment = services.comment_like(user=user, comment=comment,
                                            liked=answer == "yes")  # fmt: skip
        except ValidationError as refused:
            error, status = refused.messages[0], 422
    liked = CommentLike.objects.filter(comment=comment, user=user).exists()
    if request.htmx:
        button = like_button(comment_id=comment.pk, author_id=str(comment.author_id),
                             count=comment.like_count, liked=liked, viewer_id=user.pk,
                             csrf_token=get_token(request), error=error or "")  # fmt: skip
        return HttpResponse(button, status=status)
    if error:
        messages.error(request, error)
    return redirect(locations.comment_location(comment))


def comment_url(name: str, comment: Comment) -> str:
    return reverse(f"comments:{name}", kwargs={"pk": comment.pk})


def _moderate(
    request: HtmxRequest, pk: int, action: Callable[..., Comment], done: str
) -> HttpResponse:
    comment = get_object_or_404(Comment, pk=pk)
    try:
        comment = action(comment=comment, moderator=request.user)
    except PermissionDenied as error:
        return _refused(request, str(error), status=403)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, done)
    return redirect(locations.comment_location(comment))


def _target_or_404(content_type_id: int, object_id: int) -> models.Model:
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist:
        raise Http404("No such page.") from None
    model = content_type.model_class()
    if model is None or not services.target_allowed(model):
        raise Http404("Comments are not open here.")
    return get_object_or_404(model, pk=object_id)


def _parent_id(raw: str) -> int | None:
    if not raw:
        return None
    # No comment has id 0, so the service refuses a malformed parent with its usual message.
    parsed = parse_id(raw)
    return 0 if parsed is None else parsed


def _add_error(form: CommentForm, error: ValidationError) -> None:
    code = getattr(error, "code", None)
    form.add_error("body" if code in BODY_ERRORS else None, error)


def _posted(request: HtmxRequest, comment: Comment, target: models.Model) -> HttpResponse:
    if not request.htmx:
        messages.success(request, "Your comment is posted.")
        return redirect(locations.posted_location(comment, target))
    if comment.parent_id is None:
        section = selectors.comment_section(target=target, viewer=request.user)
        return render(request, "comments/_section.html", {"comments": section})
    selectors.prepare_single(comment)
    context = {
        "comment": comment,
        "count": selectors.comment_count(target),
        "form": _fresh_top_form(target),
        "post_url": selectors.post_url(target),
    }
    return render(request, "comments/_posted_reply.html", context)


def _fresh_top_form(target: models.Model) -> CommentForm:
    """The top form without an earlier refusal's messages, for a reply posted in place; what
    the member is typing in it stays (htmx keeps a preserved element as it is)."""
    form = comment_form(episodes=selectors.episodes_of(target))
    form.preserve_body = True
    return form


def _post_refused(
    request: HtmxRequest, form: CommentForm, target: models.Model, parent_id: int | None
) -> HttpResponse:
    if request.htmx and parent_id is None:
        section = selectors.comment_section(target=target, viewer=request.user)
        section.form = form
        return render(
            request, "comments/_section.html", {"comments": section}, status=form_status(form)
        )
    parent = None
    if parent_id:
        parent = Comment.objects.select_related("author").filter(pk=parent_id).first()
        parent = parent if parent and parent.is_visible else None
    response = _reply_form(request, form, parent, parent_id, target)
    if request.htmx:
        # The form stays where it was, with its errors, instead of joining the replies.
        return reswap(retarget(response, f"#reply-slot-{parent_id}"), "innerHTML")
    return response


def _reply_form(
    request: HtmxRequest,
    form: CommentForm,
    parent: Comment | None,
    parent_id: int | None,
    target: models.Model,
) -> HttpResponse:
    """The form to post a comment (no parent) or a reply: in place with htmx, else a page."""
    if parent is not None:
        parent.nests_replies = selectors.nests_replies(parent)
    context = {
        "form": form,
        "parent": parent,
        "parent_id": parent_id,
        "target": target,
        "action": selectors.post_url(target),
        "heading": "Reply to a comment" if parent_id else "Post a comment",
        "submit": "Post reply" if parent_id else "Post comment",
    }
    template = "comments/_reply_form.html" if request.htmx else "comments/form_page.html"
    return render(request, template, context, status=form_status(form))


def _refused(request: HtmxRequest, message: str, *, status: int) -> HttpResponse:
    # htmx swaps only 2xx, 422 and 429 responses (base.html), so a refusal of another kind
    # (403, 404, 409) shown where the member clicked answers 422, as every refusal in place does.
    if request.htmx:
        return render(request, "comments/_refused.html", {"message": message}, status=422)
    return render(request, "comments/refused.html", {"message": message}, status=status)
