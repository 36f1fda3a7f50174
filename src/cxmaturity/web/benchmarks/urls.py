from django.urls import path

from . import views

app_name = "benchmarks"

urlpatterns = [
    path("o/<int:org_id>/benchmarks/", views.organization, name="organization"),
]
