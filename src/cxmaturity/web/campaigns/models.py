"""Campaigns, their respondents and the answers a team agreed on.

A respondent answers through an ordinary Assessment (the same questionnaire, autosave
and resume as a self-assessment); the respondent's private link is that assessment's
resume token, so the token reaches that respondent's answers and nothing else.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..assessments.models import Assessment, ModelVersion
from ..organizations.models import Organization


class Campaign(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="campaigns"
    )
    name = models.CharField(max_length=200)
    model_version = models.ForeignKey(ModelVersion, on_delete=models.PROTECT)
    industry = models.CharField(max_length=32)
    region = models.CharField(max_length=32, blank=True)
    size = models.CharField(max_length=16, blank=True)
    deadline = models.DateField(null=True, blank=True)
    anonymous = models.BooleanField(
        default=False,
        help_text="Facilitators see aggregated answers only, never who answered what.",
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    result = models.JSONField(null=True, blank=True, help_text="The campaign result, when closed.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organization})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def context(self) -> dict[str, str | None]:
        return {"industry": self.industry, "region": self.region or None, "size": self.size or None}


class Respondent(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="respondents")
    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="respondent"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField()
    department = models.CharField(max_length=100, blank=True)
    role = models.CharField(max_length=100, blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "email"], name="one_respondent_per_email")
        ]
        ordering = ["department", "name"]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class AgreedAnswer(models.Model):
    """The answer a team settled on in the workshop, with why and who recorded it.

    Never updated: changing an agreement records a new row, so the consensus log keeps
    the whole history and the latest row per question (and item) is the one that counts.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="agreed")
    question = models.CharField(max_length=64)
    item = models.CharField(max_length=64, blank=True, default="")
    value = models.JSONField()
    reason = models.TextField(max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["campaign", "question", "item"])]
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.question}{'.' + self.item if self.item else ''} agreed"


class ReportJob(models.Model):
    """A campaign report made by the background worker, so a large one never holds a page.

    The page polls the job; the file is kept in the database (app processes share no
    disk) until it is downloaded or replaced by a newer job.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="report_jobs")
    format = models.CharField(max_length=8)
    summary = models.BooleanField(default=False)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(null=True, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.format} report of {self.campaign} ({self.status})"
