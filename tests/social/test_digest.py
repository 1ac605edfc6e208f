"""The daily digest: sent through Django's mail with only what is new and unread, and a
signed unsubscribe link that works signed out and refuses a changed signature."""

import pytest
from django.core import mail
from django.core.management import call_command

from social import services
from social.digest import digest_send, unsubscribe_url
from social.models import Inbox, Kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(user_factory):
    member = user_factory(username="alice", email="alice@example.com")
    services.preferences_save(user=member, muted=[], digest=True)
    return member


def test_the_digest_tells_what_is_new_once(settings, member, user_factory, run_jobs):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    services.follow(follower=user_factory(username="bob"), followed=member)
    call_command("send_digests")
    run_jobs()
    (sent,) = mail.outbox
    assert sent.to == ["alice@example.com"] and "bob followed you" in sent.body
    assert sent.subject == "bob followed you"
    link = unsubscribe_url(member.pk)
    assert link in sent.body and sent.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert not digest_send(member.pk)  # nothing new since
    services.notify(recipient_ids=[member.pk], kind=Kind.EPISODE, text="Episode 3 aired", url="/")
    assert digest_send(member.pk)
    assert "Episode 3 aired" in mail.outbox[1].body and "bob" not in mail.outbox[1].body


def test_unsubscribe_works_signed_out_and_refuses_a_tampered_link(client, member):
    path = unsubscribe_url(member.pk).removeprefix("http://127.0.0.1:8000")
    page = client.get(path)
    assert page.status_code == 200 and "Stop the daily e-mail digest for" in page.content.decode()
    assert Inbox.objects.get(user=member).digest  # a visit alone changes nothing
    tampered = path[:-3] + ("x" if path[-3] != "x" else "y") + path[-2:]
    refused = client.post(tampered)
    assert refused.status_code == 400 and "not valid" in refused.content.decode()
    assert Inbox.objects.get(user=member).digest
    done = client.post(path)
    assert done.status_code == 200 and "no more daily digests" in done.content.decode()
    assert not Inbox.objects.get(user=member).digest


def test_a_mail_server_that_refuses_leaves_the_digest_to_tell_again(settings, member):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    services.notify(recipient_ids=[member.pk], kind=Kind.EPISODE, text="Episode 4 aired", url="/")
    before = Inbox.objects.get(user=member).digest_sent_until
    with pytest.raises(OSError):
        digest_send(member.pk)
    assert Inbox.objects.get(user=member).digest_sent_until == before
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert digest_send(member.pk) and "Episode 4 aired" in mail.outbox[-1].body
