"""Campaign pages for facilitators (create, respondents, progress) and viewers (results).

Every view is wrapped by `member_view`, and every campaign is looked up inside the
caller's organization, so another organization's campaign id is a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cxmaturity.reports import FORMATS

from ..assessments import downloads, registry, report_data
from ..assessments.questionnaire import read_question
from ..assessments.widgets import Given, question_widget
from ..organizations.models import Membership
from ..organizations.scoping import member_view, signed_in
from . import results as campaign_results
from . import services, summary
from . import workshop as workshop_rules
from .forms import CampaignForm, RespondentForm, RosterForm
from .models import AgreedAnswer, Campaign, ReportJob, Respondent
from .roster import RosterError, RosterRow, read_roster


def _campaign(membership: Membership, campaign_id: int) -> Campaign:
    return get_object_or_404(
        Campaign.objects.select_related("model_version", "organization"),
        pk=campaign_id,
        organization=membership.organization,
    )


def _link(request: HttpRequest) -> Callable[[Respondent], str]:
    def link_for(respondent: Respondent) -> str:
        return request.build_absolute_uri(
            reverse("assessments:resume", kwargs={"token": respondent.assessment.resume_token})
        )

    return link_for


@member_view("run_campaigns")
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest, membership: Membership) -> HttpResponse:
    organization = membership.organization
    form = CampaignForm(
        request.POST or None,
        initial={
            "industry": organization.industry,
            "region": organization.region,
            "size": organization.size,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        campaign = Campaign.objects.create(
            organization=organization,
            name=data["name"],
            model_version=form.model_version(),
            industry=data["industry"],
            region=data["region"],
            size=data["size"],
            deadline=data["deadline"],
            anonymous=data["anonymous"],
            created_by=signed_in(request),
        )
        messages.success(request, "Campaign created. Add respondents next.")
        return redirect("campaigns:detail", org_id=organization.pk, campaign_id=campaign.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "campaigns/new.html",
        {"membership": membership, "organization": organization, "form": form},
        status=status,
    )


@member_view("run_campaigns")
@require_GET
def detail(request: HttpRequest, membership: Membership, campaign_id: int) -> HttpResponse:
    campaign = _campaign(membership, campaign_id)
    return _detail(request, membership, campaign, RespondentForm(), RosterForm())


def _detail(
    request: HttpRequest,
    membership: Membership,
    campaign: Campaign,
    respondent_form: RespondentForm,
    roster_form: RosterForm,
    problems: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "campaigns/detail.html",
        {
            "membership": membership,
            "organization": membership.organization,
            "campaign": campaign,
            "progress": services.progress(campaign),
            "respondent_form": respondent_form,
            "roster_form": roster_form,
            "problems": problems or [],
        },
        status=status,
    )


@member_view("run_campaigns")
@require_POST
def add_respondent(request: HttpRequest, membership: Membership, campaign_id: int) -> HttpResponse:
    campaign = _campaign(membership, campaign_id)
    form = RespondentForm(request.POST)
    if form.is_valid():
        email = form.cleaned_data["email"].lower()
        if campaign.respondents.filter(email=email).exists():
            form.add_error("email", "This e-mail is already a respondent of this campaign.")
        else:
            row = RosterRow(
                0,
                form.cleaned_data["name"],
                email,
                form.cleaned_data["department"],
                form.cleaned_data["role"],
            )
            services.add_respondents(campaign, [row])
            messages.success(request, f"{row.name} added.")
            return redirect(
                "campaigns:detail", org_id=membership.organization_id, campaign_id=campaign.pk
            )
    return _detail(request, membership, campaign, form, RosterForm(), status=400)


@member_view("run_campaigns")
@require_POST
def import_respondents(
    request: HttpRequest, membership: Membership, campaign_id: int
) -> HttpResponse:
    campaign = _campaign(membership, campaign_id)
    form = RosterForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, membership, campaign, RespondentForm(), form, status=400)
    upload = form.cleaned_data["file"]
    taken = set(campaign.respondents.values_list("email", flat=True))
    try:
        rows = read_roster(upload.name, upload.read(), taken)
    except RosterError as exc:
        return _detail(
            request, membership, campaign, RespondentForm(), form, problems=exc.problems, status=400
        )
    services.add_respondents(campaign, rows)
    messages.success(request, f"{len(rows)} respondents imported.")
    return redirect("campaigns:detail", org_id=membership.organization_id, campaign_id=campaign.pk)


@member_view("run_campaigns")
@require_POST
def invite(request: HttpRequest, membership: Membership, campaign_id: int) -> HttpResponse:
    """Invite everyone not yet invited, or remind (resend to) one respondent or all unfinished."""
    campaign = _campaign(membership, campaign_id)
    if not campaign.is_open:
        messages.error(request, "The campaign is closed; reopen it to send invitations.")
        return redirect(
            "campaigns:detail", org_id=membership.organization_id, campaign_id=campaign.pk
        )
    respondents = campaign.respondents.select_related("assessment")
    which = request.POST.get("who", "new")
    if which == "new":
        chosen = list(respondents.filter(invited_at__isnull=True))
        reminder = False
    elif which == "unfinished":
        chosen = list(respondents.exclude(assessment__status="completed"))
        reminder = True
    else:
        chosen = [get_object_or_404(respondents, pk=which)]
        reminder = chosen[0].invited_at is not None
    count = services.invite(chosen, _link(request), reminder)
    messages.success(request, f"{count} e-mail{'s' if count != 1 else ''} queued.")
    return redirect("campaigns:detail", org_id=membership.organization_id, campaign_id=campaign.pk)


@member_view("run_campaigns")
@require_POST
def status(request: HttpRequest, membership: Membership, campaign_id: int) -> HttpResponse:
    campaign = _campaign(membership, campaign_id)
    wanted = request.POST.get("status")
    if wanted not in Campaign.Status.values:
        return HttpResponse("Choose open or closed.", status=400)
    with transaction.atomic():
        services.set_status(campaign, wanted)
    messages.success(request, f"The campaign is {campaign.get_status_display().lower()}.")
    return redirect("campaigns:detail", org_id=membership.organization_id, campaign_id=campaign.pk)


@member_view("view_individual_answers")
@require_GET
def respondent_answers(
    request: HttpRequest, membership: Membership, campaign_id: int, respondent_id: int
) -> HttpResponse:
    """One respondent's answers: for facilitators of named campaigns only."""
    campaign = _campaign(membership, campaign_id)
    if campaign.anonymous:
        raise Http404("anonymous campaign")
    respondent = get_object_or_404(
        campaign.respondents.select_related("assessment"), pk=respondent_id
    )
    from ..assessments import services as assessment_services

    return render(
        request,
        "campaigns/respondent.html",
        {
            "membership": membership,
            "organization": membership.organization,
            "campaign": campaign,
            "respondent": respondent,
            "document": assessment_services.answers_document(respondent.assessment),
        },
    )


@member_view("view_results")
@require_GET
def results(request: HttpRequest, membership: Membership, campaign_id: int) -> HttpResponse:
    """Everything a self-assessment result shows, for the campaign, plus spread and consensus."""
    campaign = _campaign(membership, campaign_id)
    aggregate = summary.campaign_aggregate(campaign)
    return render(
        request,
        "campaigns/results.html",
        {
            "membership": membership,
            "organization": membership.organization,
            **campaign_results.context(campaign, aggregate, membership),
        },
    )


@member_view("view_results")
@require_GET
def results_json(request: HttpRequest, membership: Membership, campaign_id: int) -> HttpResponse:
    """The campaign's figures as JSON; anonymous campaigns carry no respondent and wait for
    enough respondents, as the page does."""
    campaign = _campaign(membership, campaign_id)
    aggregate = summary.campaign_aggregate(campaign)
    if campaign.anonymous and aggregate.respondents < campaign_results.MIN_ANONYMOUS:
        raise Http404("not enough respondents yet")
    data = aggregate.to_dict()
    if not membership.allows("view_individual_answers"):
        data["individual"] = None  # viewers see aggregated results only
    response = JsonResponse(data, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="campaign-{campaign.pk}.json"'
    return response


@member_view("view_results")
@require_GET
def report(
    request: HttpRequest, membership: Membership, campaign_id: int, fmt: str
) -> HttpResponse:
    """The campaign's report: PDF or HTML (full, or ?summary=1), XLSX, CSV or JSON."""
    kind = downloads.report_format(fmt)
    campaign = _campaign(membership, campaign_id)
    aggregate = summary.campaign_aggregate(campaign)
    if aggregate.respondents < (campaign_results.MIN_ANONYMOUS if campaign.anonymous else 1):
        raise Http404("not enough respondents yet")
    data = report_data.for_campaign(campaign, aggregate)
    return downloads.report(
        data, kind, downloads.wants_summary(request, kind), f"campaign-{campaign.pk}"
    )


@member_view("view_results")
@require_GET
def chart_svg(
    request: HttpRequest, membership: Membership, campaign_id: int, chart: str
) -> HttpResponse:
    campaign = _campaign(membership, campaign_id)
    svg = campaign_results.chart_svg(campaign, summary.campaign_aggregate(campaign), chart)
    if svg is None:
        raise Http404("no such chart")
    return HttpResponse(svg, content_type="image/svg+xml")


@member_view("run_campaigns")
@require_http_methods(["GET", "POST"])
def workshop(request: HttpRequest, membership: Membership, campaign_id: int) -> HttpResponse:
    """Walk through flagged questions; record the team's answer and why."""
    campaign = _campaign(membership, campaign_id)
    model = registry.model_for(campaign.model_version)
    aggregate = summary.campaign_aggregate(campaign)
    flagged = workshop_rules.topics(model, aggregate)
    key = request.POST.get("key") or request.GET.get("key") or (flagged[0].key if flagged else "")
    topic = workshop_rules.topic_for(model, campaign.industry, key) if key else None
    if key and topic is None:
        raise Http404("no such question")
    errors: dict[str, str] = {}
    if request.method == "POST" and topic is not None:
        if not campaign.is_open:
            messages.error(request, "The campaign is closed; reopen it to record agreements.")
            return redirect(
                "campaigns:workshop", org_id=membership.organization_id, campaign_id=campaign.pk
            )
        reader = registry.scorer_for(campaign.model_version).reader
        post = {k: request.POST.getlist(k) for k in request.POST}
        posted = read_question(
            reader, summary.context_of(campaign), topic.question, post, topic.item
        )
        reason = request.POST.get("reason", "").strip()
        if not reason:
            errors["reason"] = "Say why the team settled on this answer."
        errors.update({p.field: p.message for p in posted.problems})
        if posted.value is None and not errors:
            errors[topic.key] = "Choose the answer the team agreed on."
        if not errors:
            AgreedAnswer.objects.create(
                campaign=campaign,
                question=topic.question.id,
                item=topic.item,
                value=posted.value,
                reason=reason[:2000],
                recorded_by=signed_in(request),
            )
            messages.success(request, "Agreement recorded; the campaign result now uses it.")
            url = reverse(
                "campaigns:workshop",
                kwargs={"org_id": membership.organization_id, "campaign_id": campaign.pk},
            )
            return redirect(f"{url}?{urlencode({'key': topic.key})}")
    given = summary.agreed_answers(campaign)
    shown: dict[tuple[str, str], Any] = {}
    if topic is not None:
        current = given.get(topic.key)
        value = current.answer if current else aggregate.consensus.answers.get(topic.question.id)
        if topic.item and isinstance(value, dict):
            value = value.get(topic.item) if current is None else value
        shown[topic.label_key] = Given(value)
    return render(
        request,
        "campaigns/workshop.html",
        {
            "membership": membership,
            "organization": membership.organization,
            "campaign": campaign,
            "flagged": [(t, workshop_rules.label(model, t)) for t in flagged],
            "topic": topic,
            "topic_label": workshop_rules.label(model, topic) if topic else "",
            "figures": workshop_rules.figures(model, aggregate, topic) if topic else [],
            "widget": question_widget(
                model, topic.question, shown, campaign.industry, errors, topic.item or None
            )
            if topic
            else None,
            "errors": errors,
            "source": aggregate.consensus.sources.get(key, ""),
            "log": campaign.agreed.select_related("recorded_by").order_by("-recorded_at", "-pk"),
            "respondents": aggregate.respondents,
        },
        status=400 if errors else 200,
    )


@member_view("view_results")
@require_POST
def queue_report(request: HttpRequest, membership: Membership, campaign_id: int) -> HttpResponse:
    """Ask the worker for a report (a large campaign's full PDF takes a while)."""
    from .tasks import make_report

    campaign = _campaign(membership, campaign_id)
    fmt = request.POST.get("format", "pdf")
    if fmt not in FORMATS:
        return HttpResponse(f"Unknown format '{fmt}'; use one of {', '.join(FORMATS)}.", status=400)
    with transaction.atomic():
        job = ReportJob.objects.create(
            campaign=campaign,
            format=fmt,
            summary=request.POST.get("summary") == "1" and fmt in ("pdf", "html"),
            requested_by=signed_in(request),
        )
        make_report.enqueue(job_id=job.pk)
    return redirect(
        "campaigns:report_job",
        org_id=membership.organization_id,
        campaign_id=campaign.pk,
        job_id=job.pk,
    )


@member_view("view_results")
@require_GET
def report_job(
    request: HttpRequest, membership: Membership, campaign_id: int, job_id: int
) -> HttpResponse:
    """How far the report is; the page refreshes itself (htmx, or a meta refresh) until ready."""
    campaign = _campaign(membership, campaign_id)
    job = get_object_or_404(ReportJob.objects.defer("body"), pk=job_id, campaign=campaign)
    template = "campaigns/_report_job.html" if request.htmx else "campaigns/report_job.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {
            "membership": membership,
            "organization": membership.organization,
            "campaign": campaign,
            "job": job,
        },
    )


@member_view("view_results")
@require_GET
def report_download(
    request: HttpRequest, membership: Membership, campaign_id: int, job_id: int
) -> HttpResponse:
    campaign = _campaign(membership, campaign_id)
    job = get_object_or_404(ReportJob, pk=job_id, campaign=campaign, status=ReportJob.Status.DONE)
    kind = downloads.report_format(job.format)
    return downloads.attachment(bytes(job.body or b""), kind, f"campaign-{campaign.pk}-report")
