"""Invalidation only: a redirect saved or deleted in this process is forgotten at once by its
per-process cache (other processes within redirects.CACHE_SECONDS)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from newsdesk.imports.models import Redirect


def redirect_changed(sender, instance: Redirect, **kwargs) -> None:
    from newsdesk.imports import redirects

    redirects.forget()


def connect() -> None:
    post_save.connect(redirect_changed, sender=Redirect, dispatch_uid="imports.Redirect.save")
    post_delete.connect(redirect_changed, sender=Redirect, dispatch_uid="imports.Redirect.delete")
