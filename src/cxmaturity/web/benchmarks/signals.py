"""Receivers that keep peer entries current, so other apps need not know about benchmarks.

Each receiver recomputes the one organization's entry (for one model where known)
inside the sender's transaction, in a savepoint that never fails the sender.
"""

from __future__ import annotations

import threading
from typing import Any

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from ..assessments.models import Assessment
from ..campaigns.models import Campaign, Respondent
from ..organizations.models import Organization
from . import store

_deleting = threading.local()  # organizations being deleted: their cascades need no refresh


def _being_deleted(org_id: int) -> bool:
    return org_id in getattr(_deleting, "ids", set())


@receiver(post_save, sender=Assessment, dispatch_uid="benchmarks-assessment-saved")
def assessment_saved(
    sender: type[Assessment], instance: Assessment, created: bool, **kwargs: Any
) -> None:
    """A completed (or re-scored) assessment of an organization may be its new latest."""
    fields = kwargs.get("update_fields")
    if created or instance.organization_id is None or not instance.completed:
        return
    if fields is not None and "result" not in fields:
        return
    if Respondent.objects.filter(assessment_id=instance.pk).exists():
        return  # one respondent's answers: the campaign counts by its final result instead
    store.refresh_safely(instance.organization_id, instance.model_version.model_id)


@receiver(post_delete, sender=Assessment, dispatch_uid="benchmarks-assessment-deleted")
def assessment_deleted(sender: type[Assessment], instance: Assessment, **kwargs: Any) -> None:
    if instance.organization_id is not None and not _being_deleted(instance.organization_id):
        store.refresh_safely(instance.organization_id)


@receiver(post_save, sender=Campaign, dispatch_uid="benchmarks-campaign-saved")
def campaign_saved(
    sender: type[Campaign], instance: Campaign, created: bool, **kwargs: Any
) -> None:
    """Closing a campaign (or reopening it) changes which result counts for its organization."""
    if not created:
        store.refresh_safely(instance.organization_id, instance.model_version.model_id)


@receiver(post_delete, sender=Campaign, dispatch_uid="benchmarks-campaign-deleted")
def campaign_deleted(sender: type[Campaign], instance: Campaign, **kwargs: Any) -> None:
    if instance.status == Campaign.Status.CLOSED and not _being_deleted(instance.organization_id):
        store.refresh_safely(instance.organization_id)


@receiver(post_save, sender=Organization, dispatch_uid="benchmarks-organization-saved")
def organization_saved(
    sender: type[Organization], instance: Organization, created: bool, **kwargs: Any
) -> None:
    """Opting out removes every entry of the organization; opting back in restores them."""
    if not created:
        store.refresh_safely(instance.pk)


@receiver(pre_delete, sender=Organization, dispatch_uid="benchmarks-organization-deleting")
def organization_deleting(
    sender: type[Organization], instance: Organization, **kwargs: Any
) -> None:
    """Take the organization out of every group before its rows cascade away."""
    ids: set[int] = getattr(_deleting, "ids", set())
    ids.add(instance.pk)
    _deleting.ids = ids
    store.remove_organization(instance.pk)


@receiver(post_delete, sender=Organization, dispatch_uid="benchmarks-organization-deleted")
def organization_deleted(sender: type[Organization], instance: Organization, **kwargs: Any) -> None:
    getattr(_deleting, "ids", set()).discard(instance.pk)
