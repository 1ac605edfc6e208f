"""Settings for dramadb, read from the environment with defaults that work in development."""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

from dramadb import servers
from dramadb.environment import envbool, envfloat, envint, envlist, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DRAMADB_VAR_DIR", BASE_DIR / "var"))


# Off unless asked for: `make run` turns it on; production, tests and the benchmark run without.
DEBUG = envbool("DEBUG", False)
SECRET_KEY = secret_key(VAR_DIR)

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_NAME = "dramadb"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles, whose `runserver` core's extends (core/management/commands).
    "core",
    "django.contrib.staticfiles",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_htmx",
    "axes",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "titles",
    "social",
    "reviews",
    "comments",
    "recommendations",
    "lists",
    "news",
    "moderation",
    "imports",
    "front",
    "api",
    "demo",
    "bench",
]

MIDDLEWARE = [
    # First, so that its time and query count cover everything else.
    "core.middleware.LogRequests",
    # Outside everything that answers, so that every response says it.
    "core.middleware.PermissionsPolicy",
    # /healthz and /readyz, whatever the Host header and the scheme (dramadb/health.py).
    "dramadb.health.HealthChecks",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages go out compressed (static files are compressed ahead by WhiteNoise). Django masks
    # the CSRF token afresh in every response, which keeps compression from leaking it.
    "django.middleware.gzip.GZipMiddleware",
    "core.middleware.RejectNulCharacters",
    # Outside everything that sets cookies (ReadReplicas, sessions, form tokens, messages),
    # so that no response a shared cache may keep sets one.
    "core.middleware.CookiesArePrivate",
    # Around everything that reads: sessions, members and pages (core/replicas.py).
    "core.middleware.ReadReplicas",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Catalogue history (titles, news) names the editor of every change, inline rows included.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside CsrfViewMiddleware: a form token made while filling still sets its cookie.
    "core.middleware.FillPersonalParts",
    # Last, as django-axes asks: it answers locked-out sign-ins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dramadb.urls"
WSGI_APPLICATION = "dramadb.wsgi.application"

# Form widgets render through the site's template settings, so the site's own widgets
# (core/widgets.py) keep their templates in templates/core/ beside Django's.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "front.theme.colour_theme",
            ],
        },
    },
]

# Database: DATABASE_URL, or the embedded PostgreSQL (dramadb/servers.py).
EMBEDDED_DATABASE_NAME = os.environ.get("DRAMADB_DB_NAME", "dramadb")
DATABASES = {
    "default": servers.primary(
        os.environ.get("DATABASE_URL", ""), EMBEDDED_DATABASE_NAME, envint("CONN_MAX_AGE", 0)
    )
}

# Read replicas (core/replicas.py): DATABASE_REPLICA_URLS, comma-separated, adds the aliases
# replica_1, replica_2… Pages read from a replica that has replayed what they must show, and
# a member's reads stay on the primary until a replica has replayed that member's writes.
# Each process asks each replica where it stands, and the primary how far it has written,
# every REPLICA_CHECK_SECONDS, giving up on an answer after REPLICA_CHECK_TIMEOUT seconds; a
# replica more than REPLICA_MAX_LAG_SECONDS behind the primary is skipped, and one that fails
# is left alone for REPLICA_RETRY_SECONDS. Connecting to a replica and each query on it give
# up after REPLICA_TIMEOUT seconds, and the request is served again from the primary.
REPLICA_CHECK_SECONDS = envfloat("REPLICA_CHECK_SECONDS", 1.0)
REPLICA_CHECK_TIMEOUT = envfloat("REPLICA_CHECK_TIMEOUT", 0.5)
REPLICA_MAX_LAG_SECONDS = envfloat("REPLICA_MAX_LAG_SECONDS", 30.0)
REPLICA_RETRY_SECONDS = envfloat("REPLICA_RETRY_SECONDS", 10.0)
REPLICA_TIMEOUT = envfloat("REPLICA_TIMEOUT", 1.0)
for _number, _url in enumerate(envlist("DATABASE_REPLICA_URLS", ""), start=1):
    _age = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES[f"replica_{_number}"] = servers.replica(_url, _age, REPLICA_TIMEOUT)
DATABASE_ROUTERS = ["core.replicas.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis when REDIS_URL is set, a cache the site runs without (its calls give up after
# REDIS_TIMEOUT seconds, and after a failure a process leaves it alone for
# REDIS_RETRY_SECONDS); otherwise files under CACHE_DIR (dramadb/servers.py).
REDIS_TIMEOUT = envfloat("REDIS_TIMEOUT", 0.25)
REDIS_RETRY_SECONDS = envfloat("REDIS_RETRY_SECONDS", 1.0)
CACHES = {
    "default": servers.cache(
        os.environ.get("REDIS_URL", ""),
        REDIS_TIMEOUT,
        REDIS_RETRY_SECONDS,
        os.environ.get("CACHE_DIR", str(VAR_DIR / "cache")),
    )
}

# Whole pages for visitors who are not signed in (core/page_cache.py): on unless DEBUG (so
# a template edited in development shows at once) or PAGE_CACHE=false. Shared caches and CDNs
# may keep such a page PAGE_CACHE_SECONDS; the site's own cache keeps a version of a page
# PAGE_CACHE_TTL seconds at most (a write makes a new version at once).
PAGE_CACHE = envbool("PAGE_CACHE", not DEBUG)
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 60)
PAGE_CACHE_TTL = envint("PAGE_CACHE_TTL", 24 * 3600)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
# English only. With translation on, every date, number and address on a page asked which
# language was active (about a sixth of the title page's rendering, measured).
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
# The second holds what `make` builds: Bootstrap's parts the site uses (static/scss/).
STATICFILES_DIRS = [BASE_DIR / "static", BASE_DIR / "var" / "build" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Media are served by Django only in development; production puts them behind the proxy.
SERVE_MEDIA = envbool("SERVE_MEDIA", DEBUG)
# In production static files get hashed names from a manifest (`collectstatic`), compressed
# and cached for a year by WhiteNoise; in development (and the test suite) plain names.
STATIC_MANIFEST = envbool("STATIC_MANIFEST", not DEBUG)
# Uploads go to MEDIA_ROOT, or to an S3-compatible bucket when MEDIA_BUCKET is set (install
# the `s3` extra: django-storages with boto3). Stored names are never reused, so the files
# are public and a CDN may keep them; MEDIA_BUCKET_DOMAIN serves them from such a domain.
MEDIA_BUCKET = os.environ.get("MEDIA_BUCKET", "")
MEDIA_STORAGE: dict[str, Any] = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": os.environ.get("MEDIA_BUCKET_ENDPOINT") or None,
            "region_name": os.environ.get("MEDIA_BUCKET_REGION") or None,
            "access_key": os.environ.get("MEDIA_BUCKET_ACCESS_KEY") or None,
            "secret_key": os.environ.get("MEDIA_BUCKET_SECRET_KEY") or None,
            "custom_domain": os.environ.get("MEDIA_BUCKET_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    if MEDIA_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
# Files only their owner may have (members' exports): never served as media, but read by the
# site for the owner alone. Under PRIVATE_ROOT, or with MEDIA_BUCKET in the bucket's private/
# folder (several app servers need the bucket, or a PRIVATE_ROOT they share).
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", VAR_DIR / "private"))
STORAGES["private"] = (
    MEDIA_STORAGE | {"OPTIONS": MEDIA_STORAGE["OPTIONS"] | {"location": "private",
                     "custom_domain": None, "querystring_auth": True, "default_acl": "private"}}
    if MEDIA_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage",
          "OPTIONS": {"location": PRIVATE_ROOT}}
)  # fmt: skip

# The job queue (imports, exports): django-tasks on PostgreSQL, run by `manage.py worker`
# (README, "Jobs"). A job whose worker has said nothing for JOB_STALL_SECONDS is taken up
# again by the next worker to start; jobs are written so that running one twice is harmless.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
JOB_STALL_SECONDS = envint("JOB_STALL_SECONDS", 120)
# Exports are kept EXPORT_KEEP_DAYS; a member may ask for EXPORTS_PER_DAY a day.
EXPORT_KEEP_DAYS = envint("EXPORT_KEEP_DAYS", 7)
EXPORTS_PER_DAY = envint("EXPORTS_PER_DAY", 5)


AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "front:home"
LOGOUT_REDIRECT_URL = "front:home"
# The pages of rooms on top that lower rooms link to, by role (core.links.page_link): a title's
# page and a member's are composed above the apps that own titles and members.
PAGE_URLS = {
    "home": "front:home",
    "browse": "front:browse",
    "people": "front:people",
    "title": "front:title",
    "member": "front:profile",
    "member_list": "reviews:user_list",
    "member_reviews": "reviews:user_reviews",
    "help_ratings": "front:help_ratings",
    "help_recommendations": "front:help_recommendations",
    "report": "moderation:report",
    "export": "imports:export",
    "import": "imports:import_start",
    "api_tokens": "api:tokens",
    "api_docs": "api:docs",
    "feed": "front:feed",
    "review": "front:review",
    "episode": "front:episode",
}

# Uploaded images (posters, photos, avatars).
IMAGE_MAX_BYTES = envint("IMAGE_MAX_BYTES", 10 * 1024 * 1024)
IMAGE_MAX_PIXELS = envint("IMAGE_MAX_PIXELS", 40_000_000)

# Page sizes, limits of members' text and the formulas' parameters.
from dramadb.content import *  # noqa: E402, F403

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "dramadb <noreply@localhost>")
# A mail server that does not answer within this many seconds fails the send (a digest's job
# is tried again the next day) instead of holding a worker.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
# The site's address, for links in mail sent by the job queue (no request to take it from).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# HTTPS and headers: on by default when DEBUG is off. Behind a proxy that terminates TLS, the
# proxy's X-Forwarded-Proto says whether the visitor used HTTPS (SECURE_PROXY_SSL_HEADER="" if
# the site faces the internet directly).
# Sessions are read from the shared cache and written through to the database, so a signed-in
# request reads no session row while every process still sees every sign-in and sign-out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
# Behind a proxy that already sends plain-HTTP visitors to HTTPS, the site need not do it too:
# HTTPS_REDIRECT_BY_PROXY=true turns the site's redirect off and tells the deployment check so.
# SECURE_SSL_REDIRECT=false alone still fails `check --deploy` (and so `make serve`).
if envbool("HTTPS_REDIRECT_BY_PROXY", False):
    SECURE_SSL_REDIRECT = False
    SILENCED_SYSTEM_CHECKS = ["security.W008"]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
_proxy_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "" if DEBUG else "X-Forwarded-Proto")
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: scripts and styles from this site only, no inline script, no eval.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Bootstrap draws select arrows and checkmarks with data: SVG images.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Permissions-Policy: the browser features no page uses, refused to every origin (including
# this site's own, and any frame), and no interest-based advertising topics. Only features
# Chromium knows: it warns in the console about any other (ambient-light-sensor, bluetooth).
PERMISSIONS_POLICY: dict[str, tuple[str, ...]] = dict.fromkeys(
    [
        "accelerometer", "autoplay", "browsing-topics",
        "camera", "display-capture", "geolocation", "gyroscope", "hid", "interest-cohort",
        "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get", "serial",
        "usb", "xr-spatial-tracking",
    ],
    (),
)  # fmt: skip

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username
# from one address, that pair is locked out for AXES_COOLOFF_MINUTES, even with the right
# password. An admin unlocks earlier with `manage.py axes_reset_username NAME`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading members with plain SQL and their permissions from the cache.
    "accounts.backends.MembersBackend",
]
# Failures are counted in the database (django-axes' default, named so that it stays): the
# lockout holds, and signing in works, while Redis is away.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_USERNAME_CALLABLE = "accounts.views.throttled_name"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"

# How many proxies in front of the app server append to X-Forwarded-For (0: none, and the
# header is ignored). Throttles count the address the outermost proxy saw (core.http.client_ip).
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
RATELIMIT_IP_META_KEY = "core.http.client_ip"

# Other throttles (django-ratelimit, counted in the cache: shared once REDIS_URL is set), as
# "count/period": per client address for accounts, per member for writing. A request that
# cannot be counted (Redis away) is not refused by django-ratelimit itself: each throttle
# says what then happens (core/throttle.py).
RATELIMIT_FAIL_OPEN = True
SIGNUP_RATE = os.environ.get("SIGNUP_RATE", "5/h")
PASSWORD_RESET_RATE_PER_ADDRESS = os.environ.get("PASSWORD_RESET_RATE_PER_ADDRESS", "3/h")
PASSWORD_RESET_RATE_PER_CLIENT = os.environ.get("PASSWORD_RESET_RATE_PER_CLIENT", "10/h")
REVIEW_RATE = os.environ.get("REVIEW_RATE", "5/m")
RECOMMENDATION_RATE = os.environ.get("RECOMMENDATION_RATE", "5/m")
VOTE_RATE = os.environ.get("VOTE_RATE", "30/m")
REPORT_RATE = os.environ.get("REPORT_RATE", "10/h")
# The read API (api/http.py): per client address without a token, per token with one.
API_RATE_ANONYMOUS = os.environ.get("API_RATE_ANONYMOUS", "60/m")
API_RATE_TOKEN = os.environ.get("API_RATE_TOKEN", "600/m")
API_MAX_AGE = envint("API_MAX_AGE", 60)  # seconds a client or proxy may reuse an answer
API_TOKENS_MAX = 10
# Warnings to standard error; REQUEST_LOG adds one line per request (dramadb/servers.py).
LOGGING = servers.logging(os.environ.get("LOG_LEVEL", "WARNING"), envbool("REQUEST_LOG", False))
