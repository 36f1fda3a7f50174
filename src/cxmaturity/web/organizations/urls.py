from django.urls import path

from . import views

app_name = "organizations"

urlpatterns = [
    path("orgs/", views.dashboard, name="dashboard"),
    path("o/<int:org_id>/", views.home, name="home"),
    path("o/<int:org_id>/settings/", views.settings, name="settings"),
    path("o/<int:org_id>/members/", views.members, name="members"),
    path("o/<int:org_id>/members/<int:member_id>/", views.member_role, name="member_role"),
    path("o/<int:org_id>/logo", views.logo, name="logo"),
]
