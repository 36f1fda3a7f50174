"""Who django-axes counts failed log-ins against.

django-allauth authenticates with an `email` credential, not `username`, so axes
would otherwise count every failure against "no user"; this gives it the e-mail.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    given = credentials or {}
    value = given.get("email") or given.get("username") or request.POST.get("login", "")
    return str(value).strip().lower()
