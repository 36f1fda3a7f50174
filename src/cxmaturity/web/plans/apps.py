from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "cxmaturity.web.plans"
    label = "plans"
    verbose_name = "Plans"
    default_auto_field = "django.db.models.BigAutoField"
