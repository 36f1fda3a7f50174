"""The operators' view: every stored model version, organization, assessment and answer."""

from django.contrib import admin

from .models import Answer, Assessment, ModelVersion


@admin.register(ModelVersion)
class ModelVersionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("model_id", "version", "title", "builtin", "loaded_at")
    readonly_fields = ("source",)


class AnswerInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Answer
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("id", "model_version", "organization", "industry", "status", "completed_at")
    list_filter = ("status", "industry", "model_version__model_id")
    readonly_fields = ("resume_token", "result_token", "result")
    inlines = [AnswerInline]
