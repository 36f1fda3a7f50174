"""What a plan stores: the decisions people make, never the figures the core computes.

Targets, gaps, ranking, phases and projections are recomputed from the answers by
`cxmaturity.core.planning.Planner` on every view, so a plan can never disagree with
the result it was made from. What is kept here is what a person chose or wrote:
targets, priorities and their details, discovery notes, governance, the task force,
comments and the approval.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from ..assessments.models import Assessment, ModelVersion
from ..campaigns.models import Campaign
from ..organizations.models import Organization

MIN_PRIORITIES = 3
MAX_PRIORITIES = 5

# cx-journey-stages, step 6: the policies a CX plan usually needs to revisit.
GOVERNANCE_POLICIES: tuple[tuple[str, str], ...] = (
    ("tone_response_times", "Tone of voice and response times"),
    ("agent_autonomy", "What agents may decide on their own"),
    ("complaint_workflows", "Complaint workflows"),
    ("ai_handoff", "Hand-off from AI to a person"),
    ("business_rules", "Business rules"),
    ("data_privacy", "Data and privacy"),
)

# cx-journey-stages, step 5: who sits on the task force.
TASK_FORCE_ROLES: tuple[tuple[str, str], ...] = (
    ("executive_sponsor", "Executive sponsor"),
    ("cx_leader", "CX leader"),
    ("support", "Customer success and support"),
    ("marketing", "Marketing (Education, Onboard, Sustain)"),
    ("sales", "Sales (Deal, Upsell)"),
    ("product_engineering", "Product and engineering"),
    ("line_of_business", "Line-of-business stakeholders"),
    ("experts", "Subject-matter experts"),
)

# cx-journey-stages, step 3: where gaps in data and capabilities are heard.
GAP_SOURCES: tuple[tuple[str, str], ...] = (
    ("team", "A go-to-market team"),
    ("call_transcripts", "Call transcripts"),
    ("web_app_behaviour", "Web and app behaviour"),
    ("support_tickets", "Support tickets"),
    ("community", "Community sentiment"),
    ("surveys", "Surveys"),
    ("transactions", "Transaction data"),
    ("agents", "Agents and their managers"),
    ("other", "Other"),
)


class Plan(models.Model):
    """A plan for one organization, made from a completed assessment or a campaign.

    Exactly one of `assessment` and `campaign` is set. `model_version` is kept so the
    plan says which catalog it was made with even if the source goes away later.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="plans")
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.CASCADE, related_name="plans"
    )
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.CASCADE, related_name="plans"
    )
    model_version = models.ForeignKey(ModelVersion, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200, blank=True)
    horizon_months = models.PositiveSmallIntegerField(default=12)
    budget = models.PositiveIntegerField(
        null=True, blank=True, help_text="Effort points, when the plan was chosen for a budget."
    )
    groundwork = models.BooleanField(
        default=True, help_text="Whether actions needing systems not yet in place may be chosen."
    )
    priority_kpis = models.JSONField(default=list, blank=True)
    # Discovery (models whose dimensions are journey stages): what matters most.
    top_metrics = models.JSONField(default=list, blank=True)
    business_goals = models.TextField(blank=True, max_length=4000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(assessment__isnull=False) & Q(campaign__isnull=True))
                | (Q(assessment__isnull=True) & Q(campaign__isnull=False)),
                name="plan_has_one_source",
            )
        ]

    def __str__(self) -> str:
        return self.title or f"Plan {self.pk} for {self.organization}"

    @property
    def approved(self) -> bool:
        return self.approved_at is not None


class Target(models.Model):
    """A dimension's target as a person set it: a score from 0 to 100 or a level id.

    No row means the default (the next level), which the core works out.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    dimension = models.CharField(max_length=64)
    value = models.CharField(max_length=64, blank=True)
    notes = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "dimension"], name="one_target_per_dimension")
        ]

    def __str__(self) -> str:
        return f"{self.dimension} → {self.value or 'default'}"


class Priority(models.Model):
    """One of the plan's 3-5 priorities: a catalog action and what people add to it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    action = models.CharField(max_length=64)
    rank = models.PositiveSmallIntegerField(default=1)
    touchpoint = models.CharField(max_length=200, blank=True, help_text="Touchpoint or stage.")
    challenge = models.TextField(blank=True, max_length=2000)
    recommendation = models.TextField(blank=True, max_length=4000)
    success_metrics = models.JSONField(
        default=list, blank=True, help_text="[{kpi, baseline, target}], numbers or null."
    )
    value_estimate = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    owner = models.CharField(max_length=200, blank=True)
    due_date = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "action"], name="one_priority_per_action")
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.action}"


class Touchpoint(models.Model):
    """Discovery: a touchpoint of a journey stage, what the customer wants there, and
    what gets in the way. A friction touchpoint becomes a candidate challenge."""

    class Kind(models.TextChoices):
        CONVERSION = "conversion", "Conversion"
        FRICTION = "friction", "Friction or churn risk"
        SATISFACTION = "satisfaction", "Satisfaction"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="touchpoints")
    stage = models.CharField(max_length=64)
    name = models.CharField(max_length=200)
    intent = models.CharField(max_length=500, blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    roadblocks = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["stage", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "stage", "name"], name="one_touchpoint_per_stage_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.stage}: {self.name}"


class CapabilityGap(models.Model):
    """Discovery: a gap in data or capabilities, who raised it and where it showed up."""

    class Kind(models.TextChoices):
        DATA = "data", "Data"
        CAPABILITY = "capability", "Capability"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="gaps")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    description = models.TextField(max_length=2000)
    said_by = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=32, choices=GAP_SOURCES, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.kind} gap: {self.description[:40]}"


class GovernanceItem(models.Model):
    """A policy the plan needs updated, who owns the update, and whether it is done."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="governance")
    policy = models.CharField(max_length=32, choices=GOVERNANCE_POLICIES)
    owner = models.CharField(max_length=200, blank=True)
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "policy"], name="one_item_per_policy")
        ]

    def __str__(self) -> str:
        return f"{self.policy} ({'done' if self.done else 'open'})"


class TaskForceMember(models.Model):
    """Who fills a task-force role (a name, not an account: many never sign in)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="task_force")
    role = models.CharField(max_length=32, choices=TASK_FORCE_ROLES)
    person = models.CharField(max_length=200)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "role"], name="one_person_per_role")]

    def __str__(self) -> str:
        return f"{self.role}: {self.person}"


class Comment(models.Model):
    """Stakeholder validation: a remark on the plan, or on one of its priorities."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments")
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"comment by {self.author} on {self.plan_id}"
