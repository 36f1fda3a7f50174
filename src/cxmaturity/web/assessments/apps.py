from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "cxmaturity.web.assessments"
    label = "assessments"
    verbose_name = "Assessments"
    default_auto_field = "django.db.models.BigAutoField"
