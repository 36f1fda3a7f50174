from django.urls import path

from . import views

app_name = "plans"

P = "o/<int:org_id>/plans/"
ONE = P + "<int:plan_id>/"

urlpatterns = [
    path(P, views.index, name="index"),
    path(P + "new/", views.new, name="new"),
    path(ONE, views.detail, name="detail"),
    path(ONE + "plan.json", views.plan_json, name="plan_json"),
    path(ONE + "settings/", views.settings, name="settings"),
    path(ONE + "targets/", views.targets, name="targets"),
    path(ONE + "priorities/", views.priorities, name="priorities"),
    path(ONE + "priority/", views.priority, name="priority"),
    path(ONE + "what-if/", views.what_if, name="what_if"),
    path(ONE + "budget/", views.budget, name="budget"),
    path(ONE + "discovery/", views.discovery, name="discovery"),
    path(ONE + "discovery/save/", views.discovery_save, name="discovery_save"),
    path(ONE + "governance/", views.governance, name="governance"),
    path(ONE + "comments/", views.comment, name="comment"),
    path(ONE + "approve/", views.approve, name="approve"),
]
