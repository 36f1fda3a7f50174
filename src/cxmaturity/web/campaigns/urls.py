from django.urls import path

from . import views

app_name = "campaigns"

P = "o/<int:org_id>/campaigns/"

urlpatterns = [
    path(P + "new/", views.new, name="new"),
    path(P + "<int:campaign_id>/", views.detail, name="detail"),
    path(P + "<int:campaign_id>/respondents/", views.add_respondent, name="add_respondent"),
    path(P + "<int:campaign_id>/import/", views.import_respondents, name="import"),
    path(P + "<int:campaign_id>/invite/", views.invite, name="invite"),
    path(P + "<int:campaign_id>/status/", views.status, name="status"),
    path(P + "<int:campaign_id>/results/", views.results, name="results"),
    path(P + "<int:campaign_id>/results.json", views.results_json, name="results_json"),
    path(P + "<int:campaign_id>/report.<str:fmt>", views.report, name="report"),
    path(P + "<int:campaign_id>/reports/", views.queue_report, name="queue_report"),
    path(P + "<int:campaign_id>/reports/<int:job_id>/", views.report_job, name="report_job"),
    path(
        P + "<int:campaign_id>/reports/<int:job_id>/download",
        views.report_download,
        name="report_download",
    ),
    path(P + "<int:campaign_id>/workshop/", views.workshop, name="workshop"),
    path(P + "<int:campaign_id>/charts/<str:chart>.svg", views.chart_svg, name="chart_svg"),
    path(
        P + "<int:campaign_id>/respondents/<int:respondent_id>/",
        views.respondent_answers,
        name="respondent",
    ),
]
