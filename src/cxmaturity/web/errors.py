"""Error pages in the product's own look, with a sentence a person can act on."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "error.html",
        {"title": "That request could not be understood", "detail": str(exception or "")},
        status=400,
    )


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "error.html",
        {"title": "Your role does not allow this", "detail": str(exception or "")},
        status=403,
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "error.html",
        {
            "title": "Nothing here",
            "detail": "The link may be mistyped or no longer valid. Private links are "
            "case-sensitive: copy them whole.",
        },
        status=404,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "error.html",
        {"title": "Something went wrong on our side", "detail": "Your answers are safe."},
        status=500,
    )
