import pytest
from playwright.sync_api import expect

from comments.models import Comment
from demo import comments as comments_demo
from demo import titles as titles_demo

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"


@pytest.fixture
def seed_title():
    return titles_demo.load_seed_title()


def sign_in(page, username: str, next_url: str) -> None:
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{next_url}")


def test_a_visitor_reads_the_demo_comments_and_reveals_the_spoiler(page, seed_title, screenshot):
    comments_demo.load_comments()
    question = Comment.objects.get(body__startswith="Is it worth starting")
    spoiler = Comment.objects.get(is_spoiler=True)

    page.goto(seed_title.get_absolute_url())

    expect(page.get_by_role("heading", name="Comments (14)")).to_be_visible()
    expect(page.get_by_text("Login or Register to post comments")).to_be_visible()
    answer = page.locator(f"#replies-{question.pk} > li.comment")
    expect(answer).to_have_count(1)
    expect(answer).to_contain_text("Yes, watch it.")
    question_box = page.locator(f"#comment-{question.pk} > article").bounding_box()
    answer_box = answer.locator("article").bounding_box()
    assert answer_box["x"] > question_box["x"]
    assert answer_box["y"] > question_box["y"]
    expect(page.get_by_text("Je l'ai regardé en version sous-titrée")).to_be_visible()
    expect(page.get_by_text("Jul 15, 2014")).to_be_visible()

    hidden_text = page.get_by_text("The final episode skips ahead")
    expect(hidden_text).to_be_hidden()
    page.locator(f"#comment-{spoiler.pk}").get_by_text("Reveal Spoiler »").click()
    expect(hidden_text).to_be_visible()
    screenshot(page, "title-comments")


def test_a_member_posts_a_comment_and_a_reply_in_place(
    page, seed_title, user, settings, screenshot
):
    settings.COMMENT_RATE_LIMIT_SECONDS = 0
    title_url = seed_title.get_absolute_url()
    sign_in(page, user.username, title_url)

    page.locator("#id_comment_body").fill("Watched it again <b>tonight</b>.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("heading", name="Comments (1)")).to_be_visible()
    expect(page.get_by_text("Watched it again <b>tonight</b>.")).to_be_visible()
    comment = Comment.objects.get()

    # An empty comment is refused in place; the refusal stays under the top form.
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("the comment is empty")).to_be_visible()

    parent = page.locator(f"#comment-{comment.pk}")
    parent.locator("article").get_by_role("link", name="Reply").click()
    reply_box = page.locator(f"#id_reply_{comment.pk}_body")
    expect(reply_box).to_be_visible()
    reply_box.fill("Me too, with my sister.")
    page.locator("#id_comment_body").fill("A half-written thought")  # a draft on top
    page.get_by_role("button", name="Post reply").click()

    reply = page.locator(f"#replies-{comment.pk} > li.comment")
    expect(reply).to_contain_text("Me too, with my sister.")
    expect(reply_box).to_have_count(0)
    # The count follows at once; the old refusal goes, the draft stays.
    expect(page.get_by_role("heading", name="Comments (2)")).to_be_visible()
    expect(page.get_by_text("the comment is empty")).to_have_count(0)
    expect(page.locator("#id_comment_body")).to_have_value("A half-written thought")
    assert reply.bounding_box()["x"] > parent.bounding_box()["x"]
    screenshot(page, "title-comments-reply-in-place")

    # The page as the server renders it shows the same nesting.
    page.reload()
    expect(page.locator(f"#replies-{comment.pk} > li.comment")).to_contain_text("Me too")
    expect(page.get_by_role("heading", name="Comments (2)")).to_be_visible()


def test_without_javascript_replying_happens_on_its_own_page(
    browser, live_server, seed_title, user, settings, screenshot
):
    settings.COMMENT_RATE_LIMIT_SECONDS = 0
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    title_url = seed_title.get_absolute_url()
    sign_in(page, user.username, title_url)

    page.locator("#id_comment_body").fill("No scripts here.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("Your comment is posted.")).to_be_visible()
    comment = Comment.objects.get()

    page.locator(f"#comment-{comment.pk} > article").get_by_role("link", name="Reply").click()
    expect(page.get_by_role("heading", name="Reply to a comment")).to_be_visible()
    page.get_by_label("Your reply").fill("   ")
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text("the comment is empty")).to_be_visible()
    screenshot(page, "comment-reply-page-error")
    page.get_by_label("Your reply").fill("Still works.")
    page.get_by_role("button", name="Post reply").click()

    expect(page.locator(f"#replies-{comment.pk} > li.comment")).to_contain_text("Still works.")
    context.close()


def test_the_comments_fit_a_phone(browser, live_server, seed_title, screenshot):
    comments_demo.load_comments()
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    page = context.new_page()
    page.goto(seed_title.get_absolute_url() + "#comments")
    width = page.evaluate("document.documentElement.scrollWidth")
    screenshot(page, "title-comments-phone")
    context.close()
    assert width <= 390


def test_a_moderator_hides_a_comment_from_the_page(page, seed_title, user_factory, screenshot):
    from django.contrib.auth.models import Group, Permission

    from tests.comments.factories import CommentFactory

    # Browser tests start from an emptied database, without the groups migrations create.
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(
        Permission.objects.get(content_type__app_label="comments", codename="change_comment")
    )
    moderator = user_factory(username="mod")
    moderator.groups.add(moderators)
    comment = CommentFactory(target=seed_title, body="Rude words about the cast.")
    sign_in(page, "mod", seed_title.get_absolute_url())

    page.locator(f"#comment-{comment.pk}").get_by_role("button", name="Hide").click()

    expect(page.get_by_text("The comment is hidden.")).to_be_visible()
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text("Hidden by a moderator")
    expect(page.get_by_role("heading", name="Comments (0)")).to_be_visible()
    screenshot(page, "title-comments-moderator")


def test_a_deep_thread_nests_up_to_the_cap_then_continues_flat(
    page, seed_title, settings, screenshot
):
    from tests.comments.factories import CommentFactory

    settings.COMMENT_INDENT_CAP = 3
    chain = [CommentFactory(target=seed_title, body="Level 0.")]
    for level in range(1, 7):
        chain.append(CommentFactory(parent=chain[-1], body=f"Level {level}."))

    page.goto(chain[0].get_absolute_url())

    lefts = [page.locator(f"#comment-{c.pk} > article").bounding_box()["x"] for c in chain]
    assert lefts[0] < lefts[1] < lefts[2] < lefts[3]
    assert lefts[3] == lefts[4] == lefts[5] == lefts[6]
    expect(page.locator(f"#comment-{chain[5].pk}")).to_contain_text(
        f"in reply to {chain[4].author.username}"
    )
    screenshot(page, "comment-thread-page")
