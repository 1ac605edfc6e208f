"""Django's `runserver` (with static files), whose autoreloader also holds the embedded
PostgreSQL server.

The autoreloader is a parent process that runs the site in a child and starts a new child on
every code change. On SIGTERM or Ctrl-C it kills that child outright, so a child that was
stopping the embedded server as its last user (core/embedded_db) may die halfway, leaving the
server running with nobody to stop it. So the parent joins the server before starting any
child: it outlives them all, and on its way out it drops the dead child from the server's
users and, being the last, stops the server.
"""

import os
from typing import Any

from django.contrib.staticfiles.management.commands import runserver
from django.db import connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV


class Command(runserver.Command):
    def run(self, **options: Any) -> None:
        reloader = options["use_reloader"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if reloader and connection.settings_dict["ENGINE"] == "core.embedded_db":
            connection.ensure_connection()  # starts or joins the server, as a user of it
            connection.close()
        super().run(**options)
