"""Run work in several threads at once, each on its own database connection."""

import threading

from django.db import close_old_connections, connection


def run_together(work, how_many: int, timeout: float = 60) -> list[BaseException]:
    """Run `work(i)` in `how_many` threads started at the same moment; return what they raised.

    Each thread uses its own connection, so the writers really are concurrent sessions of
    PostgreSQL. Use it from tests marked `django_db(transaction=True)`.
    """
    start = threading.Barrier(how_many)
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        try:
            start.wait()
            work(i)
        except BaseException as error:  # reported to the calling test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(how_many)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    close_old_connections()
    return errors
