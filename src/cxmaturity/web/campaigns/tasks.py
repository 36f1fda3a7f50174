"""Invitations and reminders, sent by the background worker (`cxm worker`).

Sending mail happens outside the request: a slow or failing mail server never slows a
page, and a failed send is retried by running the task again, not lost.
"""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from ..assessments import registry
from .models import Respondent


@task()
def send_invitation(respondent_id: int, link: str, reminder: bool = False) -> bool:
    """E-mail one respondent their private link; False when the respondent is gone."""
    respondent = (
        Respondent.objects.select_related("campaign__organization", "campaign__model_version")
        .filter(pk=respondent_id)
        .first()
    )
    if respondent is None or not respondent.campaign.is_open:
        return False
    campaign = respondent.campaign
    minutes = registry.model_for(campaign.model_version).estimated_minutes
    context = {
        "respondent": respondent,
        "campaign": campaign,
        "link": link,
        "reminder": reminder,
        "minutes": minutes,
    }
    subject = (
        f"Reminder: {campaign.organization.name} would like your view"
        if reminder
        else f"{campaign.organization.name} would like your view on its customer experience"
    )
    send_mail(
        subject,
        render_to_string("campaigns/email/invitation.txt", context),
        None,
        [respondent.email],
    )
    field = "reminded_at" if reminder else "invited_at"
    Respondent.objects.filter(pk=respondent.pk).update(**{field: timezone.now()})
    return True


@task()
def make_report(job_id: int) -> bool:
    """Render a campaign report for its job, saying how far it got at each step."""
    from cxmaturity.reports import ReportError, render

    from ..assessments.report_data import for_campaign
    from . import summary
    from .models import ReportJob

    job = ReportJob.objects.select_related("campaign__organization", "campaign__model_version").get(
        pk=job_id
    )

    def step(progress: int, words: str, **fields: object) -> None:
        ReportJob.objects.filter(pk=job.pk).update(progress=progress, step=words, **fields)

    step(10, "Reading the answers", status=ReportJob.Status.RUNNING)
    try:
        aggregate = summary.campaign_aggregate(job.campaign)
        step(40, "Combining the answers and drawing the charts")
        data = for_campaign(job.campaign, aggregate)
        step(60, "Laying out the pages")
        body = render(data, job.format, summary=job.summary)  # type: ignore[arg-type]
    except (ReportError, ValueError) as exc:
        step(
            100,
            "Failed",
            status=ReportJob.Status.FAILED,
            error=str(exc),
            finished_at=timezone.now(),
        )
        return False
    step(100, "Ready", status=ReportJob.Status.DONE, body=body, finished_at=timezone.now())
    return True
