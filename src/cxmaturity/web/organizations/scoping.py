"""The one way a view reaches an organization's data: through the caller's membership.

`member_view("action")` wraps every organization page. It resolves the organization in
the URL through the signed-in user's memberships only, so an organization the caller
does not belong to is a 404 (the page does not exist for them), and a role that may
not do the action is a 403. Views then filter by `request.membership.organization`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from .models import Membership

View = Callable[..., HttpResponse]


def signed_in(request: HttpRequest) -> User:
    """The signed-in user of a view behind `login_required` (typed as such)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("sign in first")
    return user


def member_view(action: str) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, org_id: int, *args: Any, **kwargs: Any) -> HttpResponse:
            membership = (
                Membership.objects.select_related("organization")
                .filter(user=signed_in(request), organization_id=org_id)
                .first()
            )
            if membership is None:
                raise Http404("no such organization")
            if not membership.allows(action):
                raise PermissionDenied(f"your role may not {action.replace('_', ' ')}")
            request.membership = membership  # type: ignore[attr-defined]
            return view(request, membership, *args, **kwargs)

        wrapper.required_action = action  # type: ignore[attr-defined]  # read by the scoping tests
        return wrapper

    return decorate
