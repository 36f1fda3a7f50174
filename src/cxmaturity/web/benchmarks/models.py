"""What peer benchmarks store: one entry per organization and model, and derived tables.

`PeerEntry` is the source of truth: one row per opted-in organization and model
(its latest completed self-assessment or campaign result), or one row per imported
score. The two other tables are derived from it and exist only for speed:

* `PeerScore`: one row per entry and dimension (and the overall score), with the
  entry's attributes, indexed so that "how many peers score below x" inside a narrow
  score range is an index range scan.
* `PeerGroup`: per peer group (model, dimension and any combination of industry,
  region and size; '' means "any") its size and a count of members per one-point
  score slot (101 slots: [0,1), ..., [99,100), and exactly 100). Sizes, histograms
  and the location of every quantile are read from here; only the one slot that
  holds a score or a quantile is then looked up in `PeerScore`.

Both are updated in the same transaction as the entry (see `store`), so the
figures a page reads are always consistent with each other; `cxm benchmark
recompute` rebuilds them from the entries.
"""

from __future__ import annotations

from django.db import models

SLOTS = 101
ANY = ""  # a group key column that matches every value (the core's None)


class PeerEntry(models.Model):
    class Source(models.TextChoices):
        SELF = "self", "Self-assessment"
        CAMPAIGN = "campaign", "Campaign"

    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Empty for imported rows, which belong to no organization here.",
    )
    model_id = models.CharField(max_length=64)
    model_version = models.CharField(max_length=40)
    industry = models.CharField(max_length=64, blank=True)
    region = models.CharField(max_length=64, blank=True)
    size = models.CharField(max_length=40, blank=True)
    scores = models.JSONField(help_text="Dimension id (or 'overall') to a 0-100 score.")
    source = models.CharField(max_length=80, help_text="self, campaign or import:<dataset>.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "model_id"],
                condition=models.Q(organization__isnull=False),
                name="one_peer_entry_per_organization_and_model",
            )
        ]
        indexes = [models.Index(fields=["source"])]

    def __str__(self) -> str:
        return f"{self.model_id} entry ({self.source})"


class PeerScore(models.Model):
    entry = models.ForeignKey(PeerEntry, on_delete=models.CASCADE, related_name="+")
    model_id = models.CharField(max_length=64)
    dimension = models.CharField(max_length=64)
    industry = models.CharField(max_length=64, blank=True)
    region = models.CharField(max_length=64, blank=True)
    size = models.CharField(max_length=40, blank=True)
    score = models.FloatField()

    class Meta:
        indexes = [
            models.Index(fields=["model_id", "dimension", "score"], name="peer_score_all"),
            models.Index(
                fields=["model_id", "dimension", "industry", "score"], name="peer_score_industry"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.model_id}/{self.dimension}"


class PeerGroup(models.Model):
    model_id = models.CharField(max_length=64)
    dimension = models.CharField(max_length=64)
    industry = models.CharField(max_length=64, blank=True)
    region = models.CharField(max_length=64, blank=True)
    size = models.CharField(max_length=40, blank=True)
    members = models.PositiveIntegerField(default=0)
    slots = models.JSONField(help_text="Members per one-point score slot (101 counts).")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["model_id", "dimension", "industry", "region", "size"],
                name="one_peer_group_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.model_id}/{self.dimension} ({self.members})"


class PeerDataVersion(models.Model):
    """A number that moves whenever any peer group's counts change (one row, id 1).

    Pages keep rendered peer comparisons in a per-process cache; a comparison is still
    right while this number and the result it is about stay the same. Reading it is one
    primary-key lookup, which every app process can afford on every view, so a change
    made through one process is seen at once by all of them.
    """

    ROW = 1
    number = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"peer data version {self.number}"
