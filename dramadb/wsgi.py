import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dramadb.settings")
application = get_wsgi_application()
# What was made while starting up lives as long as the process: keep it out of the garbage
# collector's full passes, which otherwise walk it again and again (about a tenth of the time
# of a member's cached title page, measured).
gc.collect()
gc.freeze()
