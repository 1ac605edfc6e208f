"""A deadline on every call a database connection makes, for the connections that ask for one.

A server that is stopped rather than dead (a frozen virtual machine, a network that drops
packets) still has its connections accepted by the kernel, so neither TCP keepalives nor
libpq's `connect_timeout` notice it, and a server-side `statement_timeout` never fires.
Only the client can stop waiting. psycopg2 lets a program do its own waiting (its "wait
callback", meant for coroutine libraries): `install()` hands it `wait`, which waits on the
connection's socket for at most the connection class's `deadline` seconds, from
`within(seconds)`. Connections of other classes wait as long as it takes, as before.

When the deadline passes, `wait` raises OperationalError and psycopg2 closes the connection:
the caller sees a lost connection, as if the server had died.
"""

from __future__ import annotations

import functools
import select
import time

import psycopg2
from psycopg2 import extensions


class TimedOut(psycopg2.OperationalError):
    """The server did not answer within the connection's deadline."""


def within(seconds: float) -> type[extensions.connection]:
    """A connection class whose every call (connecting, each query) gives up after `seconds`.

    Pass it to psycopg2.connect as `connection_factory`.
    """
    install()
    return _connection_class(seconds)


@functools.cache
def _connection_class(seconds: float) -> type[extensions.connection]:
    return type(f"ConnectionWithin{seconds:g}s", (extensions.connection,), {"deadline": seconds})


def install() -> None:
    if extensions.get_wait_callback() is not wait:
        extensions.set_wait_callback(wait)


def wait(connection: extensions.connection) -> None:
    """Drive `connection` until its call is done, or until its deadline has passed."""
    deadline = getattr(connection, "deadline", None)
    give_up = None if deadline is None else time.monotonic() + deadline
    while True:
        state = connection.poll()
        if state == extensions.POLL_OK:
            return
        events = select.POLLIN if state == extensions.POLL_READ else select.POLLOUT
        poller = select.poll()
        poller.register(connection.fileno(), events)
        if give_up is None:
            poller.poll()
            continue
        left = give_up - time.monotonic()
        if left <= 0 or not poller.poll(left * 1000):
            raise TimedOut(f"no answer within {deadline:g} s")
