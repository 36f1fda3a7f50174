from django.contrib import admin
from django.urls import include, path

from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("cxmaturity.web.organizations.urls")),
    path("", include("cxmaturity.web.campaigns.urls")),
    path("", include("cxmaturity.web.benchmarks.urls")),
    path("", include("cxmaturity.web.plans.urls")),
    path("", include("cxmaturity.web.assessments.urls")),
]

handler400 = "cxmaturity.web.errors.bad_request"
handler403 = "cxmaturity.web.errors.forbidden"
handler404 = "cxmaturity.web.errors.not_found"
handler500 = "cxmaturity.web.errors.server_error"
