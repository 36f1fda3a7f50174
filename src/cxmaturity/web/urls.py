"""The app's addresses. Patterns are tried in order, so the busiest come first: a
respondent's autosave and a results page (assessments) are most of the traffic, and
trying some forty organization, campaign and plan patterns before them cost a tenth of
an autosave (bench/web). No two apps' patterns match the same address."""

from django.contrib import admin
from django.urls import include, path

from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("cxmaturity.web.assessments.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("cxmaturity.web.organizations.urls")),
    path("", include("cxmaturity.web.campaigns.urls")),
    path("", include("cxmaturity.web.benchmarks.urls")),
    path("", include("cxmaturity.web.plans.urls")),
]

handler400 = "cxmaturity.web.errors.bad_request"
handler403 = "cxmaturity.web.errors.forbidden"
handler404 = "cxmaturity.web.errors.not_found"
handler500 = "cxmaturity.web.errors.server_error"
