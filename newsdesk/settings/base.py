"""Settings shared by every configuration. Environment values come from env.py."""

from __future__ import annotations

from pathlib import Path

from django_prose_editor.config import html_tags
from js_asset import static_lazy

from newsdesk.settings import env

BASE_DIR = Path(__file__).resolve().parents[1]
DATA_DIR = env.data_dir()

DEBUG = env.flag("DEBUG", False)
SECRET_KEY = env.text("SECRET_KEY")  # each configuration decides what an empty key means
ALLOWED_HOSTS = env.listing("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
SITE_URL = env.site_url()
SITE_NAME = env.text("SITE_NAME", "Newsdesk Defense")
# One line about the site: the home page's description for search engines and link previews.
SITE_TAGLINE = env.text(
    "SITE_TAGLINE", "Defense and security news from the Korean peninsula and the region."
)
# The domain of contributors' public ID addresses (CP-YYYY-NNNN@domain), as on the byline.
NEWSDESK_BYLINE_EMAIL_DOMAIN = env.text("NEWSDESK_BYLINE_EMAIL_DOMAIN", "newsdesk.example")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "reversion",
    "django_prose_editor",
    "newsdesk.images",
    "newsdesk.newsroom",
    "newsdesk.audience",
    "newsdesk.comments",
    "newsdesk.distribution",
    "newsdesk.imports",
    "newsdesk.search",
    "newsdesk.desk",
    "newsdesk.coverage",
    "newsdesk.newsletters",
    "newsdesk.pagecache",
    "newsdesk.pages",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "newsdesk.security",
    "huey.contrib.djhuey",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before whitenoise, so static files carry the policy too (docs/security.md).
    "csp.middleware.CSPMiddleware",
    "newsdesk.security.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "newsdesk.security.middleware.StaffOTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsdesk.site.middleware.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newsdesk.urls"
WSGI_APPLICATION = "newsdesk.wsgi.application"

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
                "newsdesk.newsroom.context_processors.site",
            ],
        },
    }
]

DATABASES = {"default": env.database(DATA_DIR / "newsdesk.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.redis_url()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "newsdesk.site.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.text("NEWSDESK_CACHE_PREFIX", "newsdesk"),
            "TIMEOUT": 300,
            # Bounds each call to a Redis that hangs; newsdesk.site.redis_breaker spares the rest.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
        # Cached pages (newsdesk.pagecache): the same Redis, so a purge reaches every process.
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.text("NEWSDESK_CACHE_PREFIX", "newsdesk") + "-pages",
            "TIMEOUT": 60,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    CACHES["page-purges"] = {
        **CACHES["pages"],
        "KEY_PREFIX": CACHES["pages"]["KEY_PREFIX"] + "-purges",
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsdesk",
            "TIMEOUT": 300,
        },
        # Cached pages (newsdesk.pagecache) in files, shared by every worker process of this
        # host: one render per page for all workers, and the same ETag from each of them.
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": DATA_DIR / "pages",
            "TIMEOUT": 60,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        # Their purge marks, shared by every worker process of this host.
        "page-purges": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": DATA_DIR / "page-purges",
            "TIMEOUT": 180,
            "OPTIONS": {"MAX_ENTRIES": 100000},
        },
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.text("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# The article body editor's own extensions (newsdesk/static/newsdesk/body_editor.js), switched on
# in newsroom.models.BODY_EXTENSIONS; they add no markup, so the sanitizer allows nothing more.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("newsdesk/body_editor.js")],
        "extensions": {
            "SpellCheck": html_tags([]),
            "CaretAfterLink": html_tags([]),
            "WholeFigures": html_tags([]),
        },
    }
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.text("MEDIA_ROOT") or DATA_DIR / "media")
# Uploads and renditions: files in MEDIA_ROOT, or with NEWSDESK_S3_BUCKET an S3-compatible
# bucket that every node shares (docs/images.md, "Storage").
_media_storage, NEWSDESK_MEDIA_ORIGINS = env.media_storage(
    {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
# The embedded setup serves uploaded media itself; behind nginx or a CDN, or with media in a
# bucket, it does not unless asked.
NEWSDESK_SERVE_MEDIA = env.flag("NEWSDESK_SERVE_MEDIA", not NEWSDESK_MEDIA_ORIGINS)
# The image library's upload limits (docs/images.md): bytes of a file, pixels of a picture.
NEWSDESK_IMAGE_MAX_BYTES = int(env.text("NEWSDESK_IMAGE_MAX_BYTES", str(40 * 1000 * 1000)))
NEWSDESK_IMAGE_MAX_PIXELS = int(env.text("NEWSDESK_IMAGE_MAX_PIXELS", str(50 * 1000 * 1000)))
STORAGES = {
    "default": _media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # no script of ours reads it; forms carry the token
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp). Scripts are files from this origin only: no inline
# script, no eval, no nonce (pages are cached and shared). JSON-LD data blocks are not scripts.
# The style hash is the 500 and 503 pages' own <style> (they render without static files); the admin
# adds the hash of django-prose-editor's import map (newsdesk.security.middleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'sha256-EYnZ4lTPRQL1kiDT4+FjNOkU4Z1h3JA9Hy2FTZUEgtk='"],
        "img-src": ["'self'", "data:", *NEWSDESK_MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Admin login throttling (django-axes): 5 failures for one user name from one address (an
# IPv6 /64) lock that pair out, and 20 from anywhere lock the name, for 15 minutes (a further
# failure meanwhile starts the 15 minutes again); a success clears the count. Admin > Axes >
# Access attempts: delete the rows to unlock at once (docs/security.md).
NEWSDESK_LOGIN_FAILURES_PER_ADDRESS = 5
NEWSDESK_LOGIN_FAILURES_PER_USERNAME = 20
AXES_FAILURE_LIMIT = "newsdesk.security.throttle.failure_limit"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_COOLOFF_TIME = 0.25  # hours
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "newsdesk.site.http.client_network"
AXES_COOLOFF_MESSAGE = (
    "Too many failed logins for this account. Try again in 15 minutes, "
    "or ask an administrator to unlock it."
)
AXES_VERBOSE = False
OTP_TOTP_ISSUER = SITE_NAME

LOGIN_URL = "admin:login"

# Audience: how views are counted and how Popular Now decays.
NEWSDESK_TRENDING_HALF_LIFE_HOURS = float(env.text("NEWSDESK_TRENDING_HALF_LIFE_HOURS", "3"))
NEWSDESK_VIEW_WINDOW_MINUTES = 30  # one reader's repeat views of an article count once per window
NEWSDESK_VIEW_RATE_PER_MINUTE = int(env.text("NEWSDESK_VIEW_RATE_PER_MINUTE", "60"))
# One address (an IPv6 /64) may be an office or a carrier's shared address: its rate, and how
# many of its readers count per article per window (docs/security.md, "Hostile traffic").
NEWSDESK_VIEW_RATE_PER_ADDRESS_PER_MINUTE = int(
    env.text("NEWSDESK_VIEW_RATE_PER_ADDRESS_PER_MINUTE", "600")
)
NEWSDESK_VIEW_READERS_PER_ADDRESS = int(env.text("NEWSDESK_VIEW_READERS_PER_ADDRESS", "20"))
NEWSDESK_VIEW_FLUSH_SECONDS = float(env.text("NEWSDESK_VIEW_FLUSH_SECONDS", "2"))
# With Redis, a thread of each server process flushes; off, a request that is due does.
NEWSDESK_VIEW_FLUSH_THREAD = env.flag("NEWSDESK_VIEW_FLUSH_THREAD", True)
# After a Redis error, each process leaves Redis alone this long (newsdesk.site.redis_breaker).
NEWSDESK_REDIS_RETRY_SECONDS = float(env.text("NEWSDESK_REDIS_RETRY_SECONDS", "5"))
# Without Redis, a beacon is answered once its view is in the process's view journal, which a
# thread writes through to SQL (audience.journal); off, each view commits before its answer.
NEWSDESK_VIEW_JOURNAL = env.flag("NEWSDESK_VIEW_JOURNAL", True)
NEWSDESK_VIEW_ARTICLE_CACHE_SECONDS = 5  # how long a beacon may act on an article's old state
NEWSDESK_PROXY_COUNT = env.count("NEWSDESK_PROXY_COUNT", 0)  # our own proxies in front
NEWSDESK_REDIS_PREFIX = env.text("NEWSDESK_REDIS_PREFIX", "newsdesk")

# Comments: moderation, limits (defaults follow Korean news portals), abuse defences.
NEWSDESK_COMMENT_MODERATION = env.text("NEWSDESK_COMMENT_MODERATION", "post")  # or "pre"
NEWSDESK_COMMENT_MIN_INTERVAL_SECONDS = 60
NEWSDESK_COMMENT_DAILY_LIMIT = 20
NEWSDESK_COMMENT_PER_ARTICLE_LIMIT = 3
# Limits key on the poster's browser; one address (an IPv6 /64) may post this many times each
# limit, for the readers who share it (docs/security.md, "Hostile traffic").
NEWSDESK_COMMENT_POSTERS_PER_ADDRESS = 10
NEWSDESK_COMMENT_BAN_HOLD_DAYS = 30  # comments from a banned reader's network wait this long
NEWSDESK_COMMENT_BANNED_WORDS = env.listing("NEWSDESK_COMMENT_BANNED_WORDS")
NEWSDESK_COMMENT_MAX_LINKS = 2
NEWSDESK_COMMENT_MIN_SECONDS_TO_SUBMIT = 3
NEWSDESK_COMMENT_REPORT_THRESHOLD = 3
NEWSDESK_COMMENT_CLOSE_AFTER_DAYS = 30  # 0: never close by age
NEWSDESK_COMMENT_EDIT_MINUTES = 5
AKISMET_API_KEY = env.text("AKISMET_API_KEY")  # optional
AKISMET_URL = env.text("AKISMET_URL", "https://rest.akismet.com/1.1/comment-check")
AKISMET_TIMEOUT = 2.0

# Search: a query matching more articles than this ranks the newest this many of them.
NEWSDESK_SEARCH_RANK_WINDOW = int(env.text("NEWSDESK_SEARCH_RANK_WINDOW", "1000"))

# Page cache (newsdesk.pagecache): seconds an anonymous page is kept, at most 60 (0: off), and
# an optional CDN purge URL with {key} for each purged surrogate key.
NEWSDESK_PAGE_CACHE_SECONDS = int(env.text("NEWSDESK_PAGE_CACHE_SECONDS", "60"))
# Pages each server process keeps in memory in front of the shared store (docs/pagecache.md).
NEWSDESK_PAGE_CACHE_MEMORY_PAGES = int(env.text("NEWSDESK_PAGE_CACHE_MEMORY_PAGES", "500"))
NEWSDESK_PAGE_CACHE_ALIAS = "pages"
NEWSDESK_PAGE_PURGE_ALIAS = "page-purges"
NEWSDESK_PURGE_URL_TEMPLATE = env.text("NEWSDESK_PURGE_URL_TEMPLATE")

# Page sizes of the reader site's paginated lists.
NEWSDESK_PAGE_SIZE = 20
NEWSDESK_LIST_LENGTH = 6
# Seconds each server process may keep what the four lists hold (until any purge; at most 60):
# a page render then reads none of them (audience.selectors.page_lists). 0 turns it off.
NEWSDESK_LIST_CACHE_SECONDS = float(env.text("NEWSDESK_LIST_CACHE_SECONDS", "10"))

# Distribution: feeds carry the summary, or also the full body; URLs per article sitemap page.
NEWSDESK_FEED_FULL_TEXT = env.flag("NEWSDESK_FEED_FULL_TEXT", False)
NEWSDESK_SITEMAP_PAGE_SIZE = 5000

# Background jobs (docs/jobs.md): huey, on a SQLite file of the data folder by default (no
# server), on Redis when REDIS_URL is set. `newsdesk run_huey` is the worker; `make run` starts it.
HUEY = env.job_queue(DATA_DIR / "jobs.sqlite3", REDIS_URL)

# Mail (docs/newsletters.md): SMTP when EMAIL_HOST is set, else files in the data folder's
# outbox (the demo's mail, to read without a mail server). EMAIL_BACKEND picks another backend,
# such as one of django-anymail's providers.
EMAIL_HOST = env.text("EMAIL_HOST")
EMAIL_PORT = env.count("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.text("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.text("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.flag("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env.flag("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", "Newsdesk Defense <newsletters@localhost>")
EMAIL_BACKEND = env.text("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = DATA_DIR / "outbox"
# Newsletters: the morning briefing's time in the newsroom's time zone (TIME_ZONE), how long
# before it the draft is composed for editors to change, the sending rate (messages a second),
# and the address that takes mailed unsubscribe requests (List-Unsubscribe's mailto).
NEWSDESK_BRIEFING_TIME = env.text("NEWSDESK_BRIEFING_TIME", "06:30")
NEWSDESK_BRIEFING_DRAFT_MINUTES = env.count("NEWSDESK_BRIEFING_DRAFT_MINUTES", 60)
NEWSDESK_NEWSLETTER_RATE = env.count("NEWSDESK_NEWSLETTER_RATE", 50)
NEWSDESK_NEWSLETTER_BATCH = 500
# A letter's sender silent this long has died: the rest of its letter is picked up again.
NEWSDESK_SEND_STALLED_SECONDS = env.count("NEWSDESK_SEND_STALLED_SECONDS", 60)
NEWSDESK_UNSUBSCRIBE_MAILTO = env.text("NEWSDESK_UNSUBSCRIBE_MAILTO")
# Confirmation mails one address may be sent a day, and sign-ups one network may make an hour.
NEWSDESK_SUBSCRIBE_MAILS_PER_ADDRESS = 3
NEWSDESK_SUBSCRIBE_PER_NETWORK_PER_HOUR = 20
NEWSDESK_OPEN_TRACKING = env.flag("NEWSDESK_OPEN_TRACKING", False)
# django-anymail's tracking webhooks (/anymail/<provider>/tracking/), which suppress addresses
# that bounce or complain, answer only with this "user:password" set (HTTP basic auth).
ANYMAIL = {"WEBHOOK_SECRET": env.text("ANYMAIL_WEBHOOK_SECRET")}
NEWSDESK_SIGNUP_MIN_SECONDS = 2  # a sign-up sent sooner after the form was drawn is a bot's

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
