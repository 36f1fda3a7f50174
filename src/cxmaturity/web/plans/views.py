"""Plan pages: the plan in four phases, priorities, targets, what-if, budget, discovery,
governance, comments and approval.

Every view is wrapped by `member_view` and finds the plan inside the caller's own
organization (another organization's plan id is a 404). Viewers read and comment
("view_results"); facilitators and owners edit ("run_campaigns"); owners approve
("approve_plans"). Every edit is a form post that works without JavaScript; with htmx
the priority details save on change and the what-if updates in place. A post that
does not fit (an unknown action, a bad number) is a 400 that names the problem and
changes nothing.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cxmaturity.core.model import attainable_raw
from cxmaturity.core.planning import Plan as CorePlan
from cxmaturity.core.planning import PlanningError
from cxmaturity.core.scoring import Context

from ..assessments import registry
from ..assessments.models import Assessment
from ..organizations.models import Membership
from ..organizations.scoping import member_view, signed_in
from . import services
from .forms import (
    CommentForm,
    GapForm,
    GovernanceForm,
    MetricsForm,
    PlanSettingsForm,
    PriorityForm,
    TaskForceForm,
    TouchpointForm,
)
from .models import (
    GOVERNANCE_POLICIES,
    MAX_PRIORITIES,
    MIN_PRIORITIES,
    TASK_FORCE_ROLES,
    CapabilityGap,
    Comment,
    GovernanceItem,
    Plan,
    Priority,
    Target,
    TaskForceMember,
    Touchpoint,
)

# -- helpers -------------------------------------------------------------------------------


def _plan(membership: Membership, plan_id: int) -> Plan:
    return get_object_or_404(
        Plan.objects.select_related(
            "model_version", "assessment", "campaign", "organization", "approved_by"
        ),
        pk=plan_id,
        organization=membership.organization,
    )


def _detail_url(plan: Plan, anchor: str = "") -> str:
    url = reverse("plans:detail", kwargs={"org_id": plan.organization_id, "plan_id": plan.pk})
    return f"{url}#{anchor}" if anchor else url


def _refuse(request: HttpRequest, plan: Plan, message: str, status: int = 400) -> HttpResponse:
    """A refused post: the reason, in the page's status line (htmx) or on its own page."""
    text = f"{message} Nothing was changed."
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "plans/_status.html", {"error": text}, status=status)
    return render(
        request,
        "plans/refused.html",
        {"title": "That was not saved", "detail": text, "back": _detail_url(plan), "plan": plan},
        status=status,
    )


def _not_computable(request: HttpRequest, plan: Plan, problem: str | None) -> HttpResponse:
    """Back to the plan page, which says why there is nothing to compute yet."""
    messages.error(request, problem or "This plan cannot be computed yet.")
    return redirect(_detail_url(plan))


def _touch(plan: Plan) -> None:
    """Record that a decision changed (the page says when a plan changed after approval)."""
    plan.save(update_fields=["updated_at"])


def _kpi_choices(plan: Plan) -> list[tuple[str, str]]:
    model = services.planner_for(plan.model_version).model
    return [(k.id, registry.text(model, k.label)) for k in model.kpis]


def _stage_choices(plan: Plan) -> list[tuple[str, str]]:
    model = services.planner_for(plan.model_version).model
    return [(s.id, registry.text(model, s.label)) for s in services.discovery_stages(model)]


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _base(membership: Membership, plan: Plan | None = None) -> dict[str, Any]:
    return {
        "membership": membership,
        "organization": membership.organization,
        "plan": plan,
        "can_edit": membership.allows("run_campaigns"),
        "can_approve": membership.allows("approve_plans"),
    }


# -- list and create -----------------------------------------------------------------------


@member_view("view_results")
@require_GET
def index(request: HttpRequest, membership: Membership) -> HttpResponse:
    """The organization's plans, and what a new one can be made from."""
    organization = membership.organization
    assessments, campaigns = services.plannable(organization)
    plans = organization.plans.select_related("model_version", "assessment", "campaign")
    return render(
        request,
        "plans/index.html",
        {**_base(membership), "plans": plans, "assessments": assessments, "campaigns": campaigns},
    )


@member_view("run_campaigns")
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Make a plan from `source` = assessment:<uuid> or campaign:<id> of this organization."""
    organization = membership.organization
    if request.method == "GET":
        return redirect("plans:index", org_id=organization.pk)
    kind, _, key = request.POST.get("source", "").partition(":")
    assessment = campaign = None
    try:
        if kind == "assessment":
            assessment = organization.assessments.filter(
                pk=key, status=Assessment.Status.COMPLETED, respondent__isnull=True
            ).first()
        elif kind == "campaign" and key.isdigit():
            campaign = organization.campaigns.filter(pk=int(key)).first()
    except ValidationError:  # not a UUID
        assessment = None
    if assessment is None and campaign is None:
        return render(
            request,
            "plans/refused.html",
            {
                "title": "Nothing to plan from",
                "detail": "Choose one of this organization's finished assessments or its "
                "campaigns. Nothing was created.",
                "back": reverse("plans:index", kwargs={"org_id": organization.pk}),
            },
            status=400,
        )
    plan = services.create(
        organization, assessment=assessment, campaign=campaign, user=signed_in(request)
    )
    carried = plan.targets.count()
    messages.success(
        request,
        "Plan created."
        + (
            f" {carried} target{'s' if carried != 1 else ''} carried over from the last plan."
            if carried
            else ""
        ),
    )
    return redirect("plans:detail", org_id=organization.pk, plan_id=plan.pk)


# -- the plan page -------------------------------------------------------------------------


@member_view("view_results")
@require_GET
def detail(request: HttpRequest, membership: Membership, plan_id: int) -> HttpResponse:
    plan = _plan(membership, plan_id)
    source, core, problem = services.compute(plan)
    context = {**_base(membership, plan), "source": source, "problem": problem, "core": core}
    if core is not None:
        context.update(_plan_context(plan, core))
    context.update(_side_context(plan))
    return render(request, "plans/plan.html", context)


def _plan_context(plan: Plan, core: CorePlan) -> dict[str, Any]:
    """Everything the four phases show, in the shapes the templates read."""
    planner = services.planner_for(plan.model_version)
    model = planner.model
    labels = {r.action: r.label for r in core.recommendations}
    kpi_labels = dict(_kpi_choices(plan))
    stored = {t.dimension: t for t in plan.targets.all()}
    compiled = planner.scorer.plan(_context_of(core))
    scorecard = model.overall.raw == "sum"
    dims = {d.id: d for d in model.dimensions}
    targets = []
    for n, t in enumerate(core.targets):
        ladders = compiled.dimensions[n]
        ladder = ladders.levels or ladders.bands
        row = stored.get(t.dimension)
        value = row.value if row else ""
        targets.append(
            {
                "t": t,
                "value": value,
                "score_value": value if _is_number(value) else "",
                "level_value": "" if _is_number(value) else value,
                "notes": row.notes if row else "",
                "gap_raw": (
                    round(t.target_raw - t.current_raw, 2)
                    if scorecard and t.target_raw is not None and t.current_raw is not None
                    else None
                ),
                "levels": [(p.id, p.label) for p in ladder.placements] if ladder else [],
                "max_raw": attainable_raw(model, dims[t.dimension])[1] if scorecard else None,
            }
        )
    total_max = sum(attainable_raw(model, d)[1] for d in model.dimensions) if scorecard else None
    chosen = {p.action for p in plan.priorities.all()}
    priorities = _priority_rows(plan, core, kpi_labels)
    start = _source_day(plan)
    return {
        "model_title": registry.text(model, model.title),
        "targets": targets,
        "overall": core.overall,
        "scorecard": scorecard,
        "total_max": total_max,
        "labels": labels,
        "kpi_labels": kpi_labels,
        "recommendations": [{"r": r, "picked": r.action in chosen} for r in core.recommendations],
        "suggested": core.priorities,
        "value_links": [
            {
                "link": link,
                "actions": [(a, labels.get(a, a)) for a in link.actions[:5]],
                "more": max(0, len(link.actions) - 5),
                "kpis": [kpi_labels.get(k, k) for k in link.kpis],
            }
            for link in core.phases.value
        ],
        "steps": core.phases.implementation,
        "success_kpis": core.phases.success_kpis,
        "reassess_months": core.reassess_months,
        "reassess_on": _add_months(start, core.reassess_months),
        "reassess_earliest": _add_months(start, min(6, core.reassess_months)),
        "priorities": priorities,
        "priority_count": len(priorities),
        "min_priorities": MIN_PRIORITIES,
        "max_priorities": MAX_PRIORITIES,
        "approval_problem": services.approval_problem(plan),
        "projection": core.projection,
        "whatif_ticked": set(core.selection),
        "in_place": list(core.in_place),
        "outgrown": list(core.outgrown),
        "notes": core.notes,
        "systems": core.systems,
        "settings_form": PlanSettingsForm(
            initial={
                "title": plan.title,
                "horizon_months": plan.horizon_months,
                "budget": plan.budget,
                "groundwork": plan.groundwork,
                "priority_kpis": plan.priority_kpis,
            },
            kpis=_kpi_choices(plan),
        ),
    }


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _context_of(core: CorePlan) -> Context:
    return Context(core.industry, core.region)


def _source_day(plan: Plan) -> dt.date:
    when = None
    if plan.assessment is not None:
        when = plan.assessment.completed_at
    elif plan.campaign is not None:
        when = plan.campaign.closed_at
    return timezone.localdate(when) if when else timezone.localdate()


def _priority_rows(plan: Plan, core: CorePlan, kpi_labels: dict[str, str]) -> list[dict[str, Any]]:
    by_action = {r.action: r for r in core.recommendations}
    comments: dict[int, list[Comment]] = {}
    for c in plan.comments.select_related("author").filter(priority__isnull=False):
        assert c.priority_id is not None
        comments.setdefault(c.priority_id, []).append(c)
    rows = []
    for p in plan.priorities.all():
        metrics = [*p.success_metrics, {"kpi": "", "baseline": None, "target": None}]
        rows.append(
            {
                "p": p,
                "r": by_action.get(p.action),
                "metrics": metrics,
                "comments": comments.get(p.pk, []),
            }
        )
    return rows


def _side_context(plan: Plan) -> dict[str, Any]:
    """Discovery findings, governance, task force and comments: stored decisions only."""
    model = services.planner_for(plan.model_version).model
    governance = {g.policy: g for g in plan.governance.all()}
    people = {m.role: m.person for m in plan.task_force.all()}
    stage_labels = {s.id: registry.text(model, s.label) for s in model.stages}
    return {
        "has_discovery": bool(services.discovery_stages(model)),
        "candidates": services.candidate_challenges(plan),
        "touchpoint_names": [
            f"{stage_labels.get(t.stage, t.stage)} · {t.name}" for t in plan.touchpoints.all()
        ],
        "stage_names": list(stage_labels.values()),
        "governance": [
            {"id": key, "label": label, "item": governance.get(key)}
            for key, label in GOVERNANCE_POLICIES
        ],
        "task_force": [
            {"id": key, "label": label, "person": people.get(key, "")}
            for key, label in TASK_FORCE_ROLES
        ],
        "comments": plan.comments.select_related("author").filter(priority__isnull=True),
        "edited_after_approval": bool(
            plan.approved_at and plan.updated_at > plan.approved_at + dt.timedelta(seconds=1)
        ),
    }


@member_view("view_results")
@require_GET
def plan_json(request: HttpRequest, membership: Membership, plan_id: int) -> HttpResponse:
    """The plan as JSON: the core's plan recomputed from the answers, plus the decisions."""
    plan = _plan(membership, plan_id)
    response = JsonResponse(services.plan_document(plan), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}.json"'
    return response


# -- editing -------------------------------------------------------------------------------


@member_view("run_campaigns")
@require_POST
def settings(request: HttpRequest, membership: Membership, plan_id: int) -> HttpResponse:
    plan = _plan(membership, plan_id)
    form = PlanSettingsForm(request.POST, kpis=_kpi_choices(plan))
    if not form.is_valid():
        return _refuse(request, plan, _form_errors(form))
    data = form.cleaned_data
    plan.title = data["title"]
    plan.horizon_months = data["horizon_months"]
    plan.budget = data["budget"]
    plan.groundwork = data["groundwork"]
    plan.priority_kpis = list(data["priority_kpis"])
    plan.save()
    messages.success(request, "Plan settings saved.")
    return redirect(_detail_url(plan, "settings"))


@member_view("run_campaigns")
@require_POST
def targets(request: HttpRequest, membership: Membership, plan_id: int) -> HttpResponse:
    """Targets per dimension: `s.<dim>` a score (wins when given), else `t.<dim>` a level
    id, else the default; `notes.<dim>` the scorecard notes. All checked, then saved."""
    plan = _plan(membership, plan_id)
    source = services.source_of(plan)
    model = services.planner_for(plan.model_version).model
    dimensions = [d.id for d in model.dimensions]
    foreign = sorted(
        k
        for k in request.POST
        if k[:2] in ("s.", "t.") or k.startswith("notes.")
        if k.partition(".")[2] not in dimensions
    )
    if foreign:
        return _refuse(request, plan, f"'{foreign[0]}' is not a dimension of this model.")
    wanted: dict[str, tuple[str, str]] = {}
    for dim in dimensions:
        if not any(f"{p}.{dim}" in request.POST for p in ("s", "t", "notes")):
            continue  # not on this form: left as it is
        score = request.POST.get(f"s.{dim}", "").strip().replace(",", ".")
        level = request.POST.get(f"t.{dim}", "").strip()
        notes = request.POST.get(f"notes.{dim}", "")
        if len(notes) > 2000:
            return _refuse(request, plan, f"The notes for '{dim}' are longer than 2000 characters.")
        value = score or level
        try:
            services.check_target(plan, source, dim, value)
        except PlanningError as exc:
            return _refuse(request, plan, f"Target not saved: {exc}.")
        wanted[dim] = (value, notes)
    with transaction.atomic():
        for dim, (value, notes) in wanted.items():
            if value or notes:
                Target.objects.update_or_create(
                    plan=plan, dimension=dim, defaults={"value": value, "notes": notes}
                )
            else:
                Target.objects.filter(plan=plan, dimension=dim).delete()
        _touch(plan)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "plans/_status.html", {"saved_at": timezone.localtime()})
    messages.success(request, "Targets saved; gaps and rankings follow them.")
    return redirect(_detail_url(plan, "vision"))


@member_view("run_campaigns")
@require_POST
def priorities(request: HttpRequest, membership: Membership, plan_id: int) -> HttpResponse:
    """Pick the priorities: `op` add, remove, up or down with `action`; `suggested` takes
    the core's top actions; `set` takes the posted `actions` in order (the budget's set)."""
    plan = _plan(membership, plan_id)
    _, core, problem = services.compute(plan)
    if core is None:
        return _refuse(request, plan, problem or "This plan cannot be computed.", 409)
    known = {r.action for r in core.recommendations}
    current = services.chosen_actions(plan)
    op = request.POST.get("op", "")
    action = request.POST.get("action", "")
    if op in ("add", "remove", "up", "down") and action not in known:
        return _refuse(request, plan, f"'{action}' is not one of this plan's recommendations.")
    if op == "add":
        wanted = [*current, action] if action not in current else current
    elif op == "remove":
        wanted = [a for a in current if a != action]
    elif op in ("up", "down"):
        if action not in current:
            return _refuse(request, plan, f"'{action}' is not one of the priorities.")
        at = current.index(action)
        to = max(0, at - 1) if op == "up" else min(len(current) - 1, at + 1)
        wanted = list(current)
        wanted[at], wanted[to] = wanted[to], wanted[at]
    elif op == "suggested":
        wanted = list(core.priorities)
    elif op == "set":
        wanted = services.ordered_unique(request.POST.getlist("actions"))
        unknown = [a for a in wanted if a not in known]
        if unknown:
            return _refuse(
                request, plan, f"'{unknown[0]}' is not one of this plan's recommendations."
            )
    else:
        return _refuse(request, plan, f"Unknown operation '{op}'.")
    services.set_priorities(plan, wanted, core)
    if len(wanted) > MAX_PRIORITIES:
        messages.warning(
            request,
            f"{len(wanted)} priorities: a plan is approved with {MIN_PRIORITIES} to "
            f"{MAX_PRIORITIES}, so drop some before approval.",
        )
    return redirect(_detail_url(plan, "priorities"))


@member_view("run_campaigns")
@require_POST
def priority(request: HttpRequest, membership: Membership, plan_id: int) -> HttpResponse:
    """Save one priority's details (the whole form each time, so a repeat changes nothing)."""
    plan = _plan(membership, plan_id)
    action = request.POST.get("action", "")
    row = plan.priorities.filter(action=action).first()
    if row is None:
        return _refuse(request, plan, f"'{action}' is not one of this plan's priorities.")
    form = PriorityForm(request.POST, kpis=[k for k, _ in _kpi_choices(plan)])
    if not form.is_valid():
        return _refuse(request, plan, _form_errors(form))
    data = form.cleaned_data
    with transaction.atomic():
        Priority.objects.filter(pk=row.pk).update(
            touchpoint=data["touchpoint"],
            challenge=data["challenge"],
            recommendation=data["recommendation"],
            success_metrics=form.metrics,
            value_estimate=data["value_estimate"],
            currency=data["currency"],
            owner=data["owner"],
            due_date=data["due_date"],
            updated_at=timezone.now(),
        )
        _touch(plan)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "plans/_status.html", {"saved_at": timezone.localtime()})
    messages.success(request, "Priority saved.")
    return redirect(_detail_url(plan, f"priority-{action}"))


def _form_errors(form: Any) -> str:
    parts = []
    for field, errors in form.errors.items():
        name = "" if field == "__all__" else f"{field.replace('_', ' ')}: "
        parts += [f"{name}{e}" for e in errors]
    return " ".join(parts)


# -- what-if and budget --------------------------------------------------------------------


@member_view("view_results")
@require_GET
def what_if(request: HttpRequest, membership: Membership, plan_id: int) -> HttpResponse:
    """Projected scores, levels and bands after the ticked actions (`action`, repeatable),
    from the model's own scoring (`Planner.what_if`)."""
    plan = _plan(membership, plan_id)
    source, core, problem = services.compute(plan)
    if core is None or source.answers is None:
        return _not_computable(request, plan, problem)
    actions = services.ordered_unique(request.GET.getlist("action"))
    try:
        projection = services.planner_for(plan.model_version).what_if(
            source.answers, actions, (), source.result
        )
    except PlanningError as exc:
        return _refuse(request, plan, f"No projection: {exc}.")
    context = {
        **_base(membership, plan),
        "projection": projection,
        "labels": {r.action: r.label for r in core.recommendations},
        "recommendations": [{"r": r} for r in core.recommendations],
        "whatif_ticked": set(actions),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "plans/_whatif.html", context)
    return render(request, "plans/whatif.html", context)


@member_view("view_results")
@require_GET
def budget(request: HttpRequest, membership: Membership, plan_id: int) -> HttpResponse:
    """The best set of actions for an effort budget, solved exactly, with its reasons."""
    plan = _plan(membership, plan_id)
    source, core, problem = services.compute(plan)
    if core is None or source.answers is None:
        return _not_computable(request, plan, problem)
    given = request.GET.get("budget", "").strip()
    groundwork = request.GET.get("groundwork", "allow") != "leave_out"
    best = None
    if given:
        if not given.isdigit() or int(given) > 1000:
            return _refuse(
                request,
                plan,
                f"The budget must be a whole number of effort points from 0 to 1000, not '{given}'.",
            )
        try:
            best = services.planner_for(plan.model_version).best_for_budget(
                source.answers,
                int(given),
                source.result,
                targets=services.stored_targets(plan),
                groundwork=groundwork,
            )
        except PlanningError as exc:
            return _refuse(request, plan, f"No plan for this budget: {exc}.")
    labels = {r.action: r.label for r in core.recommendations}
    model = services.planner_for(plan.model_version).model
    systems = {s.id: registry.text(model, s.label) for s in model.systems}
    return render(
        request,
        "plans/budget.html",
        {
            **_base(membership, plan),
            "best": best,
            "given": given if given else (plan.budget if plan.budget is not None else ""),
            "groundwork": groundwork,
            "labels": labels,
            "systems": systems,
            "projection": best.projection if best else None,
        },
    )


# -- discovery -----------------------------------------------------------------------------


@member_view("view_results")
@require_GET
def discovery(request: HttpRequest, membership: Membership, plan_id: int) -> HttpResponse:
    """The discovery workspace: top metrics and goals, touchpoints per stage, gaps."""
    plan = _plan(membership, plan_id)
    stages = _stage_choices(plan)
    if not stages:
        messages.info(request, "This model has no discovery step; its plan starts from the result.")
        return redirect(_detail_url(plan))
    by_stage = {key: [] for key, _ in stages}  # type: dict[str, list[Touchpoint]]
    for t in plan.touchpoints.all():
        by_stage.setdefault(t.stage, []).append(t)
    return render(
        request,
        "plans/discovery.html",
        {
            **_base(membership, plan),
            "metrics_form": MetricsForm(
                initial={"top_metrics": plan.top_metrics, "business_goals": plan.business_goals},
                kpis=_kpi_choices(plan),
            ),
            "stages": [(key, label, by_stage.get(key, [])) for key, label in stages],
            "touchpoint_form": TouchpointForm(stages=stages),
            "gap_form": GapForm(),
            "gaps": plan.gaps.all(),
            "candidates": services.candidate_challenges(plan),
            "top_metric_labels": [
                label for key, label in _kpi_choices(plan) if key in plan.top_metrics
            ],
        },
    )


@member_view("run_campaigns")
@require_POST
def discovery_save(request: HttpRequest, membership: Membership, plan_id: int) -> HttpResponse:
    """`part` metrics, touchpoint, gap, or delete_touchpoint / delete_gap with `id`."""
    plan = _plan(membership, plan_id)
    stages = _stage_choices(plan)
    if not stages:
        return _refuse(request, plan, "This model has no discovery step.")
    part = request.POST.get("part", "")
    back = reverse("plans:discovery", kwargs={"org_id": plan.organization_id, "plan_id": plan.pk})
    if part == "metrics":
        form: Any = MetricsForm(request.POST, kpis=_kpi_choices(plan))
        if not form.is_valid():
            return _refuse(request, plan, _form_errors(form))
        plan.top_metrics = list(form.cleaned_data["top_metrics"])
        plan.business_goals = form.cleaned_data["business_goals"]
        plan.save(update_fields=["top_metrics", "business_goals", "updated_at"])
        messages.success(request, "Metrics and goals saved.")
        return redirect(back + "#metrics")
    if part == "touchpoint":
        form = TouchpointForm(request.POST, stages=stages)
        if not form.is_valid():
            return _refuse(request, plan, _form_errors(form))
        data = form.cleaned_data
        Touchpoint.objects.update_or_create(
            plan=plan,
            stage=data["stage"],
            name=data["name"].strip(),
            defaults={
                "intent": data["intent"],
                "kind": data["kind"],
                "roadblocks": data["roadblocks"],
            },
        )
        _touch(plan)
        messages.success(request, "Touchpoint saved.")
        return redirect(back + f"#stage-{data['stage']}")
    if part == "gap":
        form = GapForm(request.POST)
        if not form.is_valid():
            return _refuse(request, plan, _form_errors(form))
        data = form.cleaned_data
        CapabilityGap.objects.get_or_create(
            plan=plan,
            kind=data["kind"],
            description=data["description"].strip(),
            said_by=data["said_by"].strip(),
            source=data["source"],
        )
        _touch(plan)
        messages.success(request, "Gap saved.")
        return redirect(back + "#gaps")
    if part in ("delete_touchpoint", "delete_gap"):
        key = request.POST.get("id", "")
        rows = plan.touchpoints if part == "delete_touchpoint" else plan.gaps
        if not key.isdigit():
            return _refuse(request, plan, f"'{key}' is not an entry of this plan.")
        rows.filter(pk=int(key)).delete()  # already gone is fine: a repeat changes nothing
        _touch(plan)
        messages.success(request, "Removed.")
        return redirect(back)
    return _refuse(request, plan, f"Unknown part '{part}'.")


# -- governance, task force, comments, approval -------------------------------------------


@member_view("run_campaigns")
@require_POST
def governance(request: HttpRequest, membership: Membership, plan_id: int) -> HttpResponse:
    """One governance policy (`policy`) or one task-force role (`role`) per post."""
    plan = _plan(membership, plan_id)
    if "role" in request.POST:
        form: Any = TaskForceForm(request.POST)
        if not form.is_valid():
            return _refuse(request, plan, _form_errors(form))
        role, person = form.cleaned_data["role"], form.cleaned_data["person"].strip()
        if person:
            TaskForceMember.objects.update_or_create(
                plan=plan, role=role, defaults={"person": person}
            )
        else:
            TaskForceMember.objects.filter(plan=plan, role=role).delete()
        anchor = "task-force"
    else:
        form = GovernanceForm(request.POST)
        if not form.is_valid():
            return _refuse(request, plan, _form_errors(form))
        data = form.cleaned_data
        if data["needed"]:
            GovernanceItem.objects.update_or_create(
                plan=plan,
                policy=data["policy"],
                defaults={"owner": data["owner"].strip(), "done": data["done"]},
            )
        else:
            GovernanceItem.objects.filter(plan=plan, policy=data["policy"]).delete()
        anchor = "governance"
    _touch(plan)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "plans/_status.html", {"saved_at": timezone.localtime()})
    messages.success(request, "Saved.")
    return redirect(_detail_url(plan, anchor))


@member_view("view_results")
@require_POST
def comment(request: HttpRequest, membership: Membership, plan_id: int) -> HttpResponse:
    """Stakeholder validation: anyone in the organization may comment on the plan or on
    one of its priorities."""
    plan = _plan(membership, plan_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _refuse(request, plan, _form_errors(form))
    action = form.cleaned_data["priority"]
    target = None
    if action:
        target = plan.priorities.filter(action=action).first()
        if target is None:
            return _refuse(request, plan, f"'{action}' is not one of this plan's priorities.")
    Comment.objects.create(
        plan=plan, priority=target, author=signed_in(request), text=form.cleaned_data["text"]
    )
    messages.success(request, "Comment added.")
    return redirect(_detail_url(plan, f"priority-{action}" if action else "comments"))


@member_view("approve_plans")
@require_POST
def approve(request: HttpRequest, membership: Membership, plan_id: int) -> HttpResponse:
    """The owner approves (3-5 priorities needed) or withdraws approval; who and when are
    recorded."""
    plan = _plan(membership, plan_id)
    if request.POST.get("op") == "withdraw":
        Plan.objects.filter(pk=plan.pk).update(approved_by=None, approved_at=None)
        messages.success(request, "Approval withdrawn.")
        return redirect(_detail_url(plan, "approval"))
    problem = services.approval_problem(plan)
    if problem:
        return _refuse(request, plan, problem)
    now = timezone.now()
    Plan.objects.filter(pk=plan.pk).update(
        approved_by=signed_in(request), approved_at=now, updated_at=now
    )
    messages.success(request, "Plan approved.")
    return redirect(_detail_url(plan, "approval"))
