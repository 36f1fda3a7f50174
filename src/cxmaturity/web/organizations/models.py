"""Organizations and memberships.

A person can belong to several organizations (a consultant with many clients) with a
role in each. What a role may do is decided in one place, `Role.allows`, so views ask
"may this member do X" instead of comparing role names.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

LOGO_LIMIT = 512 * 1024  # bytes; logos are kept in the database so app processes share them


class Organization(models.Model):
    name = models.CharField(max_length=200)
    industry = models.CharField(max_length=32)
    region = models.CharField(max_length=32, blank=True)
    size = models.CharField(max_length=16, blank=True)
    logo = models.BinaryField(blank=True, null=True, editable=True)
    logo_type = models.CharField(max_length=32, blank=True)
    brand_color = models.CharField(
        max_length=7,
        default="#0b5cad",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a colour like #0b5cad.")],
    )
    peer_opt_in = models.BooleanField(
        default=True, help_text="Whether completed assessments count in peer benchmarks."
    )
    demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    FACILITATOR = "facilitator", "Facilitator"
    VIEWER = "viewer", "Viewer"

    def allows(self, action: str) -> bool:
        """Whether this role may do `action`; unknown actions are refused."""
        return self.value in PERMISSIONS.get(action, frozenset())


# What each action needs. Viewers see aggregated results only.
PERMISSIONS: dict[str, frozenset[str]] = {
    "view_results": frozenset({"owner", "facilitator", "viewer"}),
    "view_individual_answers": frozenset({"owner", "facilitator"}),
    "run_campaigns": frozenset({"owner", "facilitator"}),
    "manage_members": frozenset({"owner"}),
    "edit_organization": frozenset({"owner"}),
    "approve_plans": frozenset({"owner"}),
}


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_membership")
        ]
        ordering = ["organization__name"]

    def __str__(self) -> str:
        return f"{self.user} is {self.role} of {self.organization}"

    def allows(self, action: str) -> bool:
        return Role(self.role).allows(action)
