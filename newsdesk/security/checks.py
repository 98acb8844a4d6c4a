"""System checks: the Content-Security-Policy keeps the promises docs/security.md makes."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

REQUIRED = {
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
}
UNSAFE = {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"}


@register(Tags.security, deploy=False)
def check_content_security_policy(app_configs, **kwargs) -> list[Error]:
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
    directives = policy.get("DIRECTIVES") or {}
    errors = []
    if "csp.middleware.CSPMiddleware" not in settings.MIDDLEWARE:
        errors.append(
            Error("csp.middleware.CSPMiddleware is not installed.", id="newsdesk.security.E001")
        )
    script = directives.get("script-src") or directives.get("default-src") or []
    if not script or UNSAFE & set(script):
        errors.append(
            Error(
                f"script-src must name its sources, with no unsafe ones; it is {script!r}.",
                id="newsdesk.security.E002",
            )
        )
    for name, expected in REQUIRED.items():
        if list(directives.get(name) or []) != expected:
            errors.append(Error(f"{name} must be {expected!r}.", id="newsdesk.security.E003"))
    return errors
