from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("", views.home, name="home"),
    path("a/<str:token>/", views.resume, name="resume"),
    path("a/<str:token>/p/<int:number>/", views.page, name="page"),
    path("a/<str:token>/save/", views.save_answer, name="save"),
    path("a/<str:token>/review/", views.review, name="review"),
    path("a/<str:token>/answers.json", views.answers_json, name="answers_json"),
    path("r/<str:token>/", views.result, name="result"),
    path("r/<str:token>/peers/", views.result_peers, name="result_peers"),
    path("r/<str:token>/result.json", views.result_json, name="result_json"),
    path("r/<str:token>/charts/<str:chart>.svg", views.chart_svg, name="chart_svg"),
    path("r/<str:token>/report.<str:fmt>", views.report, name="report"),
]
