"""The product's URLs plus the benchmark's two baselines, which no product urlconf includes.

`/bench/minimal` answers JSON without touching the database: the ceiling of anything
this stack (gunicorn sync workers, Django, its middleware) can serve. `/bench/insert`
inserts one row into `bench_hit` with one statement in autocommit (a transaction of its
own, committed when the statement returns), the way an answer's save commits and the
cheapest way a committed write can be made: the physical limit of the write path on
this database. The table is created by
bench/web/prepare.py with a raw `CREATE TABLE IF NOT EXISTS`, so the product's
migrations never see it.

`/bench/first-view/r/<token>/` is the product's results page with the worker's cache
emptied first: what the first visitor of a result pays, before its body is cached.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from cxmaturity.web.assessments import views
from cxmaturity.web.urls import handler400, handler404, handler500
from cxmaturity.web.urls import urlpatterns as product_urlpatterns

BENCH_TABLE = "bench_hit"


@require_GET
def minimal(request: HttpRequest) -> JsonResponse:  # noqa: ARG001 (Django's view signature)
    return JsonResponse({"ok": True})


@require_POST
def insert(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {BENCH_TABLE} (at, note) VALUES (%s, %s)",
            [timezone.now(), request.POST.get("note", "")[:64]],
        )
    return JsonResponse({"saved": True})


def first_view(request: HttpRequest, token: str) -> HttpResponse:
    cache.clear()  # the default cache is per process (LocMemCache): only this worker's
    return views.result(request, token)


urlpatterns = [
    path("bench/minimal", minimal),
    path("bench/insert", insert),
    path("bench/first-view/r/<str:token>/", first_view),
    *product_urlpatterns,
]

__all__ = ["handler400", "handler404", "handler500", "urlpatterns"]
