"""A public deployment. Refuses to start without the settings a public site must have.

`newsdesk check --deploy --fail-level WARNING` is clean with these settings (tested in
tests/security/test_deploy.py).
"""

from django.core.exceptions import ImproperlyConfigured

from newsdesk.settings import env
from newsdesk.settings.base import *  # noqa: F403
from newsdesk.settings.base import DEBUG, SECRET_KEY

# The keys that come with code (Django's startproject, Newsdesk's test settings) or with a
# tutorial are public: a site signed with one has no secrets. Django's own check (W009)
# asks for 50 characters and 5 different ones.
_KNOWN_PUBLIC_KEYS = ("django-insecure", "not-for-any-deployment", "changeme", "secret")
if (
    not SECRET_KEY
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or any(marker in SECRET_KEY.lower() for marker in _KNOWN_PUBLIC_KEYS)
):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random string of at least 50 characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")
ALLOWED_HOSTS = env.listing("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names, comma-separated.")

# Behind a proxy the default, 0, makes every client the proxy: one address for every reader's
# limits and bans and every login's throttle. Say how many proxies are ours, 0 included.
if not env.text("NEWSDESK_PROXY_COUNT"):
    raise ImproperlyConfigured(
        "Set NEWSDESK_PROXY_COUNT to the number of proxies of your own in front of Newsdesk "
        "(nginx, a load balancer, a CDN), or to 0 if clients connect to it directly."
    )

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env.flag("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000  # a year
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.flag("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading is a promise to browsers' built-in lists that every subdomain serves HTTPS
    # for good, and is slow to undo; the site owner opts in with SECURE_HSTS_PRELOAD=1.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
WHITENOISE_MAX_AGE = 31536000
