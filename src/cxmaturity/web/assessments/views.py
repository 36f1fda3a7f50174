"""Pages and form posts of the self-assessment: start, answer, review, result.

Two private tokens guard everything: the resume token (answer and edit) and the
result token (read the result). A token that matches nothing is a 404, and a form
post that names a question, item or field the page does not have is a 400 that
changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cxmaturity.core.model import Matrix, MaturityModel
from cxmaturity.core.scoring import AnswerProblem

from ..organizations.models import Membership, Organization, Role
from . import downloads, registry, report_data, results, services
from .forms import StartForm
from .models import Assessment
from .questionnaire import (
    Page,
    Posted,
    count_expected,
    field_names,
    matrix_items,
    pages,
    read_question,
)
from .widgets import question_widget


@require_http_methods(["GET", "POST"])
def home(request: HttpRequest) -> HttpResponse:
    memberships = (
        list(
            Membership.objects.filter(user=request.user)
            .exclude(role=Role.VIEWER)
            .select_related("organization")
        )
        if request.user.is_authenticated
        else []
    )
    form = StartForm(request.POST or None, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organization = None
        chosen = form.memberships.get(data.get("for_organization") or "")
        if chosen is not None:
            organization = chosen.organization
        elif data["organization"].strip():
            organization = Organization.objects.create(
                name=data["organization"].strip(),
                industry=data["industry"],
                region=data["region"],
                size=data["size"],
            )
        assessment = Assessment.objects.create(
            model_version=form.model_version(),
            organization=organization,
            industry=data["industry"],
            region=data["region"],
            size=data["size"],
        )
        return redirect("assessments:page", token=assessment.resume_token, number=1)
    cards = []
    for version in form.versions.values():
        model = registry.model_for(version)
        cards.append(
            {
                "id": model.id,
                "title": registry.text(model, model.title),
                "summary": registry.text(model, model.summary),
                "minutes": model.estimated_minutes,
                "dimensions": len(model.dimensions),
                "questions": sum(len(d.questions) for d in model.dimensions),
                "version": model.version,
            }
        )
    status = 400 if request.method == "POST" else 200
    return render(request, "assessments/home.html", {"form": form, "cards": cards}, status=status)


def _assessment(token: str) -> Assessment:
    return get_object_or_404(
        Assessment.objects.select_related("model_version", "respondent__campaign"),
        resume_token=token,
    )


def _locked(
    request: HttpRequest, assessment: Assessment, reason: str | None = None
) -> HttpResponse | None:
    """The refusal for a change to answers that may no longer change."""
    reason = reason or assessment.locked_reason()
    if reason is None:
        return None
    if request.htmx:  # type: ignore[attr-defined]
        return status_fragment(error=reason, status=403)
    return render(
        request, "error.html", {"title": "Answers are final", "detail": reason}, status=403
    )


@require_GET
def resume(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _assessment(token)
    number = max(assessment.last_page, 1)
    return redirect("assessments:page", token=token, number=number)


@require_http_methods(["GET", "POST"])
def page(request: HttpRequest, token: str, number: int) -> HttpResponse:
    assessment = _assessment(token)
    model = registry.model_for(assessment.model_version)
    all_pages = pages(model)
    if not 1 <= number <= len(all_pages):
        raise Http404("no such page")
    current = all_pages[number - 1]
    errors: dict[str, str] = {}
    if request.method == "POST" and (refusal := _locked(request, assessment)):
        return refusal
    if request.method == "POST":
        posted, problems = _read_page(assessment, model, current, request)
        if problems is None:
            return HttpResponseBadRequest(posted_error(posted))
        if not problems:
            services.save(assessment, posted)
            direction = request.POST.get("go", "next")
            if direction == "back" and number > 1:
                return redirect("assessments:page", token=token, number=number - 1)
            if direction == "stay":
                return redirect("assessments:page", token=token, number=number)
            if number < len(all_pages):
                return redirect("assessments:page", token=token, number=number + 1)
            return redirect("assessments:review", token=token)
        errors = {p.field: p.message for p in problems}
    elif assessment.last_page != number:
        Assessment.objects.filter(pk=assessment.pk).update(last_page=number)
    stored = {(a.question, a.item): a for a in assessment.answers.all()}
    context = _page_context(assessment, model, all_pages, current, stored, errors)
    return render(request, "assessments/page.html", context, status=400 if errors else 200)


def posted_error(message: str) -> str:
    return f"This form post does not match the questionnaire: {message}. Nothing was saved."


def _read_page(
    assessment: Assessment, model: MaturityModel, current: Page, request: HttpRequest
) -> tuple[Any, list[AnswerProblem] | None]:
    """Every answer on the page, checked; (reason, None) when the post names foreign fields."""
    reader = registry.scorer_for(assessment.model_version).reader
    context = services.context_of(assessment)
    post = {k: request.POST.getlist(k) for k in request.POST}
    allowed: set[str] = set()
    items: dict[str, list[str]] = {}
    for q in current.questions:
        if isinstance(q, Matrix):
            items[q.id] = [i.id for i in matrix_items(model, q, assessment.industry)]
        allowed |= field_names(q, items.get(q.id, []))
    foreign = sorted(k for k in post if k[:2] in ("a.", "n.") and k not in allowed)
    if foreign:
        return f"unknown field '{foreign[0]}' on page {current.number}", None
    posted: list[Posted] = []
    for q in current.questions:
        for item in items.get(q.id, [""]):
            posted.append(read_question(reader, context, q, post, item))
    problems = [p for each in posted for p in each.problems]
    return posted, problems


@require_POST
def save_answer(request: HttpRequest, token: str) -> HttpResponse:
    """Save one question or one matrix item, as the page's script sends it on every change."""
    target = services.save_target(token)
    if target is None:
        raise Http404("no such assessment")
    posted = _posted_answer(request, target)
    if isinstance(posted, HttpResponse):
        return posted
    if posted.problems:
        message = "; ".join(p.message for p in posted.problems)
        return _answer_status(request, posted, error=message, status=400)
    if services.save_while_open(target, posted):
        return _answer_status(request, posted)
    return _save_the_long_way(request, token, target, posted)


def _posted_answer(request: HttpRequest, target: services.SaveTarget) -> Posted | HttpResponse:
    """The one answer a save posts, checked; a 400 when the post names foreign fields."""
    model = registry.model_for(target.model_version)
    reader = registry.scorer_for(target.model_version).reader
    question_id = request.POST.get("question", "")
    item = request.POST.get("item", "")
    question = reader.questions.get(question_id)
    if question is None:
        return _refuse(request, f"unknown question '{question_id}'")
    if isinstance(question, Matrix):
        known = [i.id for i in matrix_items(model, question, target.industry)]
        if item not in known:
            return _refuse(request, f"unknown item '{item}' of question '{question_id}'")
        allowed = field_names(question, [item])
    else:
        if item:
            return _refuse(request, f"question '{question_id}' has no items")
        allowed = field_names(question, [])
    post = {k: request.POST.getlist(k) for k in request.POST}
    foreign = sorted(k for k in post if k[:2] in ("a.", "n.") and k not in allowed)
    if foreign:
        return _refuse(request, f"field '{foreign[0]}' does not belong to '{question_id}'")
    return read_question(reader, target.context, question, post, item)


def _save_the_long_way(
    request: HttpRequest, token: str, target: services.SaveTarget, posted: Posted
) -> HttpResponse:
    """A save the one-statement path did not make: a removal, a finished assessment (its
    result is scored again), a closed campaign (refused), or one that is gone or changed."""
    services.forget(token)
    fresh = services.save_target(token)
    found = services.for_saving(token)
    if fresh is None or found is None:
        raise Http404("no such assessment")
    assessment, reason = found
    if reason and (refusal := _locked(request, assessment, reason)):
        return refusal
    if fresh != target:
        return _refuse(request, "the questionnaire has changed; reload the page")
    services.save(assessment, [posted])
    return _answer_status(request, posted)


def _from_htmx(request: HttpRequest) -> bool:
    """Whether the page's script sent this save. Read from the one header: `request.htmx`
    first builds a map of every header, which is a visible share of an autosave's time."""
    return request.META.get("HTTP_HX_REQUEST") == "true"


def _refuse(request: HttpRequest, message: str) -> HttpResponse:
    text = posted_error(message)
    if _from_htmx(request):
        return status_fragment(error=text, status=400)
    return JsonResponse({"saved": False, "error": text}, status=400)


def _answer_status(
    request: HttpRequest, posted: Posted, error: str = "", status: int = 200
) -> HttpResponse:
    if _from_htmx(request):
        return status_fragment(error=error, status=status)
    body: dict[str, Any] = {"saved": not error, "question": posted.question, "value": posted.value}
    if posted.item:
        body["item"] = posted.item
    if error:
        body["error"] = error
    return JsonResponse(body, status=status)


def status_fragment(error: str = "", status: int = 200) -> HttpResponse:
    """The few words the page's script puts beside a question after each save.

    Built in code rather than with a template: it answers every autosave, and a
    template render costs as much as the rest of the save (bench/web, issue 3).
    """
    if error:
        return HttpResponse(
            format_html('<span class="field-error">{}</span>', error), status=status
        )
    # The time in UTC; the page's script shows it in the visitor's own time zone.
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
    saved = f'<span class="saved">Saved <time datetime="{now}Z">{now[11:]} UTC</time></span>'
    return HttpResponse(saved, status=status)


def _page_context(
    assessment: Assessment,
    model: MaturityModel,
    all_pages: list[Page],
    current: Page,
    stored: dict[tuple[str, str], Any],
    errors: dict[str, str],
) -> dict[str, Any]:
    expected = count_expected(model, assessment.industry)
    answered = sum(1 for a in stored.values() if a.value is not None)
    return {
        "assessment": assessment,
        "model_title": registry.text(model, model.title),
        "page": current,
        "dimension_label": registry.text(model, current.dimension.label),
        "dimension_summary": registry.text(model, current.dimension.summary),
        "questions": [
            question_widget(model, q, stored, assessment.industry, errors)
            for q in current.questions
        ],
        "pages": [
            {"number": p.number, "label": registry.text(model, p.dimension.label)}
            for p in all_pages
        ],
        "total_pages": len(all_pages),
        "answered": answered,
        "expected": expected,
        "percent": round(100 * answered / expected) if expected else 100,
        "errors": errors,
        "resume_url": reverse("assessments:resume", kwargs={"token": assessment.resume_token}),
        "save_url": reverse("assessments:save", kwargs={"token": assessment.resume_token}),
    }


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _assessment(token)
    if request.method == "POST" and (refusal := _locked(request, assessment)):
        return refusal
    if request.method == "POST":
        services.finish(assessment)
        return redirect("assessments:result", token=assessment.result_token)
    model = registry.model_for(assessment.model_version)
    stored = {(a.question, a.item): a for a in assessment.answers.all()}
    summary: list[dict[str, Any]] = []
    for p in pages(model):
        missing: list[str] = []
        for q in p.questions:
            if isinstance(q, Matrix):
                items = matrix_items(model, q, assessment.industry)
                left = [i for i in items if (q.id, i.id) not in stored]
                if left:
                    missing.append(
                        f"{registry.text(model, q.label)} ({len(left)} of {len(items)} use cases)"
                    )
            elif (q.id, "") not in stored or stored[(q.id, "")].value is None:
                missing.append(registry.text(model, q.label))
        summary.append(
            {
                "number": p.number,
                "label": registry.text(model, p.dimension.label),
                "missing": missing,
            }
        )
    return render(
        request,
        "assessments/review.html",
        {
            "assessment": assessment,
            "model_title": registry.text(model, model.title),
            "summary": summary,
            "missing_total": sum(len(s["missing"]) for s in summary),
            "resume_url": reverse("assessments:resume", kwargs={"token": token}),
        },
    )


@require_GET
def answers_json(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _assessment(token)
    response = JsonResponse(services.answers_document(assessment), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = (
        f'attachment; filename="answers-{assessment.model_version.model_id}.json"'
    )
    return response


def _completed(token: str) -> Assessment:
    """The finished assessment behind a result token; 404 for anything else.

    The model's source (tens of kB of YAML, TOASTed on PostgreSQL) and the answers
    snapshot are never read by the result views, so they stay in the database. The
    result itself is loaded: the page's live peer section reads it on every view.
    """
    return get_object_or_404(
        Assessment.objects.select_related("model_version", "organization").defer(
            "model_version__source", "answers_document"
        ),
        result_token=token,
        status=Assessment.Status.COMPLETED,
        result__isnull=False,
    )


def _shown(token: str) -> results.Shown:
    found = results.shown(token)
    if found is None:
        raise Http404("no such result")
    return found


@require_GET
def result(request: HttpRequest, token: str) -> HttpResponse:
    """The results page. The peer section comes in later, from `result_peers`, unless the
    visitor asked for a peer group (`?peers=`, the section's own form, or the link shown
    without JavaScript): then it is part of the page."""
    found = _shown(token)
    if "peers" not in request.GET and _nothing_of_their_own(request):
        return HttpResponse(results.visitor_page(found, lambda: _completed(token)))
    context = results.page(found, lambda: _completed(token))
    if "peers" in request.GET:
        context["peers"] = results.peers_html(
            found, request.GET["peers"], lambda: _completed(token)
        )
    return render(request, "assessments/result.html", context)


def _nothing_of_their_own(request: HttpRequest) -> bool:
    """No session (so not signed in) and no messages waiting in a cookie: what the page's
    frame shows this visitor is what it shows anyone."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


@require_GET
def result_peers(request: HttpRequest, token: str) -> HttpResponse:
    """The result's live peer section alone, for the page's script to put in place."""
    found = _shown(token)
    choice = request.GET.get("peers")
    return HttpResponse(results.peers_html(found, choice, lambda: _completed(token)))


@require_GET
def result_json(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _completed(token)
    response = JsonResponse(assessment.result, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = (
        f'attachment; filename="result-{assessment.model_version.model_id}.json"'
    )
    return response


@require_GET
def chart_svg(request: HttpRequest, token: str, chart: str) -> HttpResponse:
    assessment = _completed(token)
    svg = results.chart_svg(assessment, chart)
    if svg is None:
        raise Http404("no such chart")
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_GET
def report(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    """The result as a PDF or HTML report (full, or ?summary=1), an XLSX workbook, CSV or JSON.

    A result link can be passed around; the organization's plan (its priorities, owners
    and task force) is not the link's to share, so it is in the report only for the
    organization's own members.
    """
    kind = downloads.report_format(fmt)
    assessment = _completed(token)
    summary = downloads.wants_summary(request, kind)
    name = f"{assessment.model_version.model_id}-{'summary' if summary else 'report'}"
    with_plan = _is_member(request, assessment.organization_id)
    data = report_data.for_assessment(assessment, with_plan=with_plan)
    return downloads.report(data, kind, summary, name)


def _is_member(request: HttpRequest, organization_id: int | None) -> bool:
    user = request.user
    if organization_id is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, organization_id=organization_id).exists()
