"""What the plan pages do, without HTTP: read the answers a plan is made from, run the
core planner on them with the stored decisions, create plans and describe them as JSON.

Nothing computed is stored: each view calls `compute`, which costs one scoring pass
and one ranking (milliseconds), so the plan follows the answers if they change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from cxmaturity.core.model import MaturityModel
from cxmaturity.core.planning import Plan as CorePlan
from cxmaturity.core.planning import Planner, PlanningError, TargetValue
from cxmaturity.core.scoring import Answers, Result

from ..assessments import registry, services
from ..assessments.models import Assessment, ModelVersion
from ..campaigns import results as campaign_results
from ..campaigns import summary
from ..campaigns.models import Campaign
from ..organizations.models import Organization
from .models import (
    GAP_SOURCES,
    MAX_PRIORITIES,
    MIN_PRIORITIES,
    Plan,
    Priority,
    Target,
    Touchpoint,
)

_planners: dict[tuple[str, str], Planner] = {}


def planner_for(version: ModelVersion) -> Planner:
    """The planner of a model version, built once per process (a stored version never
    changes, so the cache needs no invalidation, as in `registry`)."""
    key = (version.model_id, version.version)
    found = _planners.get(key)
    if found is None:
        found = _planners[key] = Planner(registry.model_for(version), registry.scorer_for(version))
    return found


def discovery_stages(model: MaturityModel) -> list[Any]:
    """The journey stages a discovery workspace maps, or [] when the model has none.

    A model "declares" discovery when its dimensions are its journey stages (as in
    cx-journey-stages): then touchpoints per stage are what its plan is about. A model
    whose stages only tag use cases (cx-automation) has no discovery step.
    """
    dimensions = {d.id for d in model.dimensions}
    if model.stages and all(s.id in dimensions for s in model.stages):
        return list(model.stages)
    return []


@dataclass(frozen=True, slots=True)
class Source:
    """The answers and result a plan is made from, or why there are none yet."""

    kind: str  # assessment | campaign
    label: str
    answers: Answers | None
    result: Result | None
    problem: str | None = None


def source_of(plan: Plan) -> Source:
    if plan.assessment_id is not None:
        assert plan.assessment is not None
        return _assessment_source(plan.assessment)
    assert plan.campaign is not None
    return _campaign_source(plan.campaign)


def _assessment_source(assessment: Assessment) -> Source:
    label = f"Assessment of {assessment.completed_at or assessment.created_at:%d %b %Y}"
    if not assessment.completed:
        return Source("assessment", label, None, None, "This assessment is not finished yet.")
    document = services.answers_document(assessment)
    scorer = registry.scorer_for(assessment.model_version)
    problems: list[Any] = []
    context = scorer.reader.context(document, problems)
    answers, more = scorer.reader.read(document.get("answers") or {}, context)
    if problems or more:
        words = "; ".join(p.message for p in [*problems, *more])
        return Source("assessment", label, None, None, f"The stored answers have problems: {words}")
    return Source("assessment", label, answers, scorer.score(answers))


def _campaign_source(campaign: Campaign) -> Source:
    label = f"Campaign “{campaign.name}”"
    aggregate = summary.campaign_aggregate(campaign)
    if aggregate.respondents == 0:
        return Source("campaign", label, None, None, "No respondent has finished yet.")
    if campaign.anonymous and aggregate.respondents < campaign_results.MIN_ANONYMOUS:
        return Source(
            "campaign",
            label,
            None,
            None,
            f"This anonymous campaign shows results from {campaign_results.MIN_ANONYMOUS} "
            "finished respondents on; a plan waits for them too.",
        )
    scorer = registry.scorer_for(campaign.model_version)
    context = summary.context_of(campaign)
    answers, problems = scorer.reader.read(aggregate.consensus.answers, context)
    if problems:
        words = "; ".join(p.message for p in problems)
        return Source("campaign", label, None, None, f"The agreed answers have problems: {words}")
    return Source("campaign", label, answers, aggregate.result)


def stored_targets(plan: Plan) -> dict[str, TargetValue]:
    return {t.dimension: t.value for t in plan.targets.all() if t.value}


def chosen_actions(plan: Plan) -> list[str]:
    return [p.action for p in plan.priorities.all()]


def compute(plan: Plan, source: Source | None = None) -> tuple[Source, CorePlan | None, str | None]:
    """(source, the core plan with the stored decisions, or why it cannot be made)."""
    source = source or source_of(plan)
    if source.answers is None or source.result is None:
        return source, None, source.problem
    planner = planner_for(plan.model_version)
    try:
        core = planner.plan(
            source.answers,
            source.result,
            targets=stored_targets(plan),
            horizon_months=plan.horizon_months,
            budget=plan.budget,
            chosen=chosen_actions(plan) or None,
            priority_kpis=plan.priority_kpis,
            groundwork=plan.groundwork,
        )
    except PlanningError as exc:
        return source, None, f"The stored decisions no longer fit this model: {exc}"
    return source, core, None


def check_target(plan: Plan, source: Source, dimension: str, value: str) -> None:
    """Raise PlanningError if `value` is not a valid target for `dimension` (empty is the
    default, always valid)."""
    if source.result is None:
        raise PlanningError("there is no result to set targets against yet")
    if value:
        planner_for(plan.model_version).targets(source.result, {dimension: value})
    elif dimension not in {d.id for d in planner_for(plan.model_version).model.dimensions}:
        raise PlanningError(f"unknown dimension '{dimension}'")


def create(
    organization: Organization,
    *,
    assessment: Assessment | None = None,
    campaign: Campaign | None = None,
    user: Any = None,
) -> Plan:
    """A new plan for a finished assessment or a campaign; its targets carry over from the
    organization's latest plan on the same model (the previous assessment round), as far
    as they still fit."""
    source_obj = assessment or campaign
    assert source_obj is not None
    assert (assessment is None) != (campaign is None)
    version = source_obj.model_version
    with transaction.atomic():
        plan = Plan.objects.create(
            organization=organization,
            assessment=assessment,
            campaign=campaign,
            model_version=version,
            created_by=user,
        )
        previous = (
            Plan.objects.filter(organization=organization, model_version__model_id=version.model_id)
            .exclude(pk=plan.pk)
            .order_by("-created_at", "-pk")
            .first()
        )
        if previous is not None:
            _carry_over(plan, previous)
    return plan


def _carry_over(plan: Plan, previous: Plan) -> None:
    plan.horizon_months = previous.horizon_months
    plan.priority_kpis = list(previous.priority_kpis)
    plan.top_metrics = list(previous.top_metrics)
    plan.business_goals = previous.business_goals
    plan.save(update_fields=["horizon_months", "priority_kpis", "top_metrics", "business_goals"])
    source = source_of(plan)
    kept = []
    for old in previous.targets.all():
        try:
            check_target(plan, source, old.dimension, old.value)
        except PlanningError:
            continue  # a dimension or level this model version no longer has
        kept.append(Target(plan=plan, dimension=old.dimension, value=old.value, notes=old.notes))
    Target.objects.bulk_create(kept)


def set_priorities(plan: Plan, actions: Sequence[str], core: CorePlan) -> None:
    """Make `actions` the priorities in this order, keeping what was written for those
    already there; a new one starts with its stage, description and KPIs filled in."""
    existing = {p.action: p for p in plan.priorities.all()}
    keep = set(actions)
    with transaction.atomic():
        plan.priorities.exclude(action__in=keep).delete()
        for rank, action in enumerate(actions, 1):
            row = existing.get(action)
            if row is None:  # get_or_create: a concurrent double post adds one row
                Priority.objects.get_or_create(
                    plan=plan, action=action, defaults={"rank": rank, **prefill(plan, core, action)}
                )
            elif row.rank != rank:
                Priority.objects.filter(pk=row.pk).update(rank=rank)
        plan.save(update_fields=["updated_at"])


def prefill(plan: Plan, core: CorePlan, action_id: str) -> dict[str, Any]:
    """A new priority's starting text, from the catalog: people then make it theirs."""
    model = planner_for(plan.model_version).model
    stages = {s.id: registry.text(model, s.label) for s in model.stages}
    try:
        rec = core.recommendation(action_id)
    except StopIteration:
        return {}
    return {
        "touchpoint": stages.get(rec.stage or "", ""),
        "recommendation": rec.description or rec.label,
        "success_metrics": [{"kpi": k.id, "baseline": None, "target": None} for k in rec.kpis],
    }


def approval_problem(plan: Plan) -> str | None:
    """Why the plan cannot be approved yet, or None."""
    count = plan.priorities.count()
    if not MIN_PRIORITIES <= count <= MAX_PRIORITIES:
        return (
            f"A plan is approved with {MIN_PRIORITIES} to {MAX_PRIORITIES} priorities; "
            f"this one has {count}. Pick {'more' if count < MIN_PRIORITIES else 'fewer'} first."
        )
    return None


def candidate_challenges(plan: Plan) -> list[dict[str, Any]]:
    """Discovery findings worded as challenges: friction touchpoints and reported gaps."""
    model = planner_for(plan.model_version).model
    stages = {s.id: registry.text(model, s.label) for s in model.stages}
    sources = dict(GAP_SOURCES)
    out: list[dict[str, Any]] = []
    for t in plan.touchpoints.filter(kind=Touchpoint.Kind.FRICTION):
        words = t.roadblocks.strip() or t.intent.strip() or "friction or churn risk"
        out.append(
            {
                "from": "touchpoint",
                "stage": t.stage,
                "text": f"{stages.get(t.stage, t.stage)} · {t.name}: {words}",
            }
        )
    for g in plan.gaps.all():
        who = ", ".join(x for x in (g.said_by, sources.get(g.source, "") if g.source else "") if x)
        out.append(
            {
                "from": "gap",
                "stage": None,
                "text": f"{g.get_kind_display()} gap: {g.description}"
                + (f" ({who})" if who else ""),
            }
        )
    return out


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def decisions(plan: Plan) -> dict[str, Any]:
    """Everything people decided on the plan, as JSON (the part the core cannot compute)."""
    return {
        "plan_id": plan.pk,
        "title": plan.title,
        "horizon_months": plan.horizon_months,
        "budget": plan.budget,
        "groundwork": plan.groundwork,
        "priority_kpis": list(plan.priority_kpis),
        "targets": [
            {"dimension": t.dimension, "value": t.value or None, "notes": t.notes}
            for t in plan.targets.all()
        ],
        "priorities": [
            {
                "action": p.action,
                "rank": p.rank,
                "touchpoint": p.touchpoint,
                "challenge": p.challenge,
                "recommendation": p.recommendation,
                "success_metrics": list(p.success_metrics),
                "value_estimate": str(p.value_estimate) if p.value_estimate is not None else None,
                "currency": p.currency or None,
                "owner": p.owner,
                "due_date": _iso(p.due_date),
            }
            for p in plan.priorities.all()
        ],
        "discovery": {
            "top_metrics": list(plan.top_metrics),
            "business_goals": _lines(plan.business_goals),
            "touchpoints": [
                {
                    "stage": t.stage,
                    "touchpoint": t.name,
                    "intent": t.intent,
                    "type": t.kind,
                    "roadblocks": t.roadblocks,
                }
                for t in plan.touchpoints.all()
            ],
            "gaps": [
                {
                    "kind": g.kind,
                    "description": g.description,
                    "said_by": g.said_by,
                    "source": g.source or None,
                }
                for g in plan.gaps.all()
            ],
            "candidate_challenges": candidate_challenges(plan),
        },
        "governance": [
            {"policy": g.policy, "label": g.get_policy_display(), "owner": g.owner, "done": g.done}
            for g in plan.governance.all()
        ],
        "task_force": [
            {"role": m.role, "label": m.get_role_display(), "person": m.person}
            for m in plan.task_force.all()
        ],
        "comments": [
            {
                "author": c.author.email if c.author else None,
                "priority": c.priority.action if c.priority else None,
                "text": c.text,
                "created_at": _iso(c.created_at),
            }
            for c in plan.comments.select_related("author", "priority")
        ],
        "approved": (
            {
                "by": plan.approved_by.email if plan.approved_by else None,
                "at": _iso(plan.approved_at),
            }
            if plan.approved_at
            else None
        ),
        "created_at": _iso(plan.created_at),
        "updated_at": _iso(plan.updated_at),
    }


def plan_document(plan: Plan) -> dict[str, Any]:
    """The plan as one JSON document: the core's `Plan.to_dict()` (recomputed from the
    answers with the stored decisions) plus `decisions` and `source`.

    The seam for reports: a report renders a plan from this document alone, so the
    reports package needs neither Django nor the database.
    """
    source, core, problem = compute(plan)
    document: dict[str, Any] = core.to_dict() if core is not None else {}
    document["problem"] = problem
    document["source"] = {
        "kind": source.kind,
        "label": source.label,
        "id": str(plan.assessment_id or plan.campaign_id),
        "model": {"id": plan.model_version.model_id, "version": plan.model_version.version},
    }
    document["decisions"] = decisions(plan)
    return document


def plannable(organization: Organization) -> tuple[list[Assessment], list[Campaign]]:
    """What the organization can make a plan from: its finished self-assessments (not a
    campaign respondent's) and its campaigns."""
    assessments = list(
        organization.assessments.filter(
            status=Assessment.Status.COMPLETED, respondent__isnull=True
        ).select_related("model_version")
    )
    campaigns = list(organization.campaigns.select_related("model_version"))
    return assessments, campaigns


def ordered_unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
