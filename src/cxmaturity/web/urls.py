from django.contrib import admin
from django.urls import include, path

from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("cxmaturity.web.assessments.urls")),
]

handler400 = "cxmaturity.web.errors.bad_request"
handler404 = "cxmaturity.web.errors.not_found"
handler500 = "cxmaturity.web.errors.server_error"
