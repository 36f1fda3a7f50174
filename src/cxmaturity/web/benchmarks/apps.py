from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    name = "cxmaturity.web.benchmarks"
    label = "benchmarks"
    verbose_name = "Peer benchmarks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connects the receivers that keep entries in step with assessments, campaigns
        # and opt-in switches, so those apps need not know peer benchmarks exist.
        from . import signals  # noqa: F401
