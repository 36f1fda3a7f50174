"""What is stored: model versions, assessments and their answers.

An assessment points at the exact model version it was taken on, and the model's
source is stored with it, so a result can be recomputed years later even after the
built-in model moved on.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.db import models

CAMPAIGN_CLOSED = "This campaign is closed: answers can no longer be changed."


def new_token() -> str:
    """An unguessable URL token (256 bits)."""
    return secrets.token_urlsafe(32)


class ModelVersion(models.Model):
    """One version of a maturity model, with the YAML it was loaded from."""

    model_id = models.CharField(max_length=64)
    version = models.CharField(max_length=32)
    title = models.CharField(max_length=200)
    source = models.TextField(help_text="The model file, exactly as loaded.")
    builtin = models.BooleanField(default=False)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model_id", "version"], name="unique_model_version")
        ]
        ordering = ["model_id", "-loaded_at"]

    def __str__(self) -> str:
        return f"{self.model_id} {self.version}"


class Assessment(models.Model):
    """One respondent's pass through a model's questionnaire, and its result once complete.

    Two tokens, two purposes: `resume_token` lets the respondent continue and edit
    (private); `result_token` shows the finished result (shareable). Neither can be
    derived from the other.
    """

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    model_version = models.ForeignKey(ModelVersion, on_delete=models.PROTECT)
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    resume_token = models.CharField(max_length=64, unique=True, default=new_token)
    result_token = models.CharField(max_length=64, unique=True, default=new_token)
    industry = models.CharField(max_length=32)
    region = models.CharField(max_length=32, blank=True)
    size = models.CharField(max_length=16, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.IN_PROGRESS)
    last_page = models.PositiveIntegerField(default=0)
    result = models.JSONField(null=True, blank=True, help_text="Result.to_dict(), when complete.")
    answers_document = models.JSONField(
        null=True,
        blank=True,
        help_text="The answers the result was scored from, in one piece: a campaign of "
        "hundreds of respondents reads one value each instead of dozens of rows.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self) -> str:
        return f"{self.model_version} for {self.organization or 'a visitor'} ({self.status})"

    @property
    def completed(self) -> bool:
        return self.status == self.Status.COMPLETED

    def locked_reason(self) -> str | None:
        """Why answers can no longer change (a closed campaign), or None."""
        respondent = getattr(self, "respondent", None)
        if respondent is not None and not respondent.campaign.is_open:
            return CAMPAIGN_CLOSED
        return None

    def context(self) -> dict[str, Any]:
        """Industry, region and size the way the scoring core reads them."""
        return {
            "industry": self.industry,
            "region": self.region or None,
            "size": self.size or None,
        }


class Answer(models.Model):
    """One answer: a question, or one item of a use-case matrix, with an optional note.

    Saved the moment it is given; saving the same answer again updates this row, so
    retries and double submits are harmless.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=64)
    item = models.CharField(max_length=64, blank=True, default="")
    value = models.JSONField(null=True, blank=True)
    note = models.TextField(blank=True, max_length=2000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question", "item"], name="one_answer_per_question"
            )
        ]
        ordering = ["question", "item"]

    def __str__(self) -> str:
        return f"{self.question}{'.' + self.item if self.item else ''} = {self.value!r}"
