"""Plans on the web: made from an organization's result, decided by people, recomputed by
the core planner. The figures on the pages are the core's own (`Planner`), so these tests
compare pages and JSON with what the core says for the same answers."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client
from webtools import MODELS, campaign_with, new_assessment, organization_with, sample_answers, user

from cxmaturity.core.planning import Planner
from cxmaturity.web.assessments import registry, services
from cxmaturity.web.assessments.models import Assessment
from cxmaturity.web.organizations.models import Membership
from cxmaturity.web.plans import services as plan_services
from cxmaturity.web.plans.models import Comment, Plan, Priority, Target


@pytest.fixture
def team() -> dict[str, Any]:
    """An organization with an owner, a facilitator and a viewer."""
    org, owner = organization_with("owner", "owner@plans.example")
    people = {"owner": owner}
    for role in ("facilitator", "viewer"):
        people[role] = user(f"{role}@plans.example")
        Membership.objects.create(user=people[role], organization=org, role=role)
    return {"org": org, **people}


def finished_for(org: Any, model_id: str, seed: int = 3) -> Assessment:
    assessment = new_assessment(model_id)
    assessment.organization = org
    assessment.save()
    services.store_document(assessment, sample_answers(model_id, seed=seed))
    services.finish(assessment)
    return assessment


def make_plan(client: Client, org: Any, assessment: Assessment) -> Plan:
    response = client.post(f"/o/{org.pk}/plans/new/", {"source": f"assessment:{assessment.pk}"})
    plan = Plan.objects.filter(assessment=assessment).latest("pk")
    assert response.status_code == 302
    assert response["Location"] == f"/o/{org.pk}/plans/{plan.pk}/"
    return plan


def core_inputs(assessment: Assessment) -> tuple[Planner, Any, Any]:
    """The planner, checked answers and result the core makes of the stored answers."""
    document = services.answers_document(assessment)
    scorer = registry.scorer_for(assessment.model_version)
    answers, problems = scorer.reader.read(document["answers"], services.context_of(assessment))
    assert not problems
    planner = Planner(registry.model_for(assessment.model_version), scorer)
    return planner, answers, scorer.score(answers)


def url(plan: Plan, tail: str = "") -> str:
    return f"/o/{plan.organization_id}/plans/{plan.pk}/{tail}"


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


# -- making a plan ---------------------------------------------------------------------------


@pytest.mark.parametrize("model_id", MODELS)
def test_a_plan_is_made_from_a_finished_org_assessment_and_shows_four_phases(
    client: Client, team: dict[str, Any], model_id: str
) -> None:
    org = team["org"]
    assessment = finished_for(org, model_id)
    client.force_login(team["facilitator"])
    index = client.get(f"/o/{org.pk}/plans/")
    assert index.status_code == 200
    assert f'value="assessment:{assessment.pk}"' in index.content.decode()
    plan = make_plan(client, org, assessment)
    assert plan.model_version == assessment.model_version
    assert plan.created_by == team["facilitator"]
    page = client.get(url(plan))
    assert page.status_code == 200
    body = text(page)
    for phase in ("1 · Vision", "2 · Value", "3 · Implementation", "4 · Success"):
        assert phase in body
    planner, answers, result = core_inputs(assessment)
    core = planner.plan(answers, result)
    for target in core.targets:  # every dimension with its label, in the vision phase
        assert target.label in body
    top = core.recommendations[0]
    assert top.label in body
    assert top.breakdown[0].words in body  # the ranking breakdown per item
    assert "Re-assess in" in body


def test_home_links_to_plans(client: Client, team: dict[str, Any]) -> None:
    client.force_login(team["owner"])
    page = client.get(f"/o/{team['org'].pk}/")
    assert f'href="/o/{team["org"].pk}/plans/"' in page.content.decode()


def test_a_plan_is_made_from_a_campaign(client: Client, team: dict[str, Any]) -> None:
    org = team["org"]
    campaign = campaign_with(org, ["IT", "Sales"], model_id="cx-curve")
    client.force_login(team["owner"])
    response = client.post(f"/o/{org.pk}/plans/new/", {"source": f"campaign:{campaign.pk}"})
    plan = Plan.objects.get(campaign=campaign)
    assert response["Location"] == url(plan)
    page = client.get(url(plan))
    assert page.status_code == 200
    assert "1 · Vision" in text(page)
    document = client.get(url(plan, "plan.json")).json()
    assert document["source"]["kind"] == "campaign"
    assert document["model"]["id"] == "cx-curve"


def test_a_plan_from_something_else_is_refused(client: Client, team: dict[str, Any]) -> None:
    org = team["org"]
    other_org, _ = organization_with("owner", "x@other.example", "Other")
    foreign = finished_for(other_org, "cx-curve")
    unfinished = new_assessment("cx-curve")
    client.force_login(team["owner"])
    for source in (
        f"assessment:{foreign.pk}",
        f"assessment:{unfinished.pk}",
        "assessment:nope",
        "x:1",
        "",
    ):
        response = client.post(f"/o/{org.pk}/plans/new/", {"source": source})
        assert response.status_code == 400, source
        assert "Nothing was created" in text(response)
    assert not Plan.objects.exists()


# -- targets ---------------------------------------------------------------------------------


def test_targets_default_to_the_next_level_and_edits_move_the_gap(
    client: Client, team: dict[str, Any]
) -> None:
    org = team["org"]
    assessment = finished_for(org, "cx-matrix")
    client.force_login(team["owner"])
    plan = make_plan(client, org, assessment)
    before = client.get(url(plan, "plan.json")).json()
    planner, answers, result = core_inputs(assessment)
    assert before["targets"] == planner.plan(answers, result).to_dict()["targets"]
    assert all(t["source"] in ("default", "top") for t in before["targets"])

    dim = before["targets"][0]["dimension"]
    response = client.post(
        url(plan, "targets/"),
        {f"t.{dim}": "embedded", f"s.{dim}": "", f"notes.{dim}": "Board asked for it"},
    )
    assert response.status_code == 302
    after = client.get(url(plan, "plan.json")).json()
    wanted = planner.plan(answers, result, targets={dim: "embedded"}).to_dict()
    assert after["targets"] == wanted["targets"]
    assert after["overall"] == wanted["overall"]  # the cx-matrix target total on its bands
    assert after["overall"]["target_band"] is not None
    assert after["targets"][0]["source"] == "given"
    assert after["decisions"]["targets"] == [
        {"dimension": dim, "value": "embedded", "notes": "Board asked for it"}
    ]

    # a score wins over a level; empty both → back to the default
    client.post(url(plan, "targets/"), {f"t.{dim}": "embedded", f"s.{dim}": "70"})
    assert Target.objects.get(plan=plan, dimension=dim).value == "70"
    client.post(url(plan, "targets/"), {f"t.{dim}": "", f"s.{dim}": ""})
    assert not Target.objects.filter(plan=plan).exists()


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("s.{dim}", "120", "not a score from 0 to 100"),
        ("t.{dim}", "legendary", "neither a score from 0 to 100 nor a level"),
        ("s.nowhere", "50", "not a dimension of this model"),
    ],
)
def test_a_bad_target_is_a_400_that_changes_nothing(
    client: Client, team: dict[str, Any], field: str, value: str, words: str
) -> None:
    org = team["org"]
    client.force_login(team["owner"])
    plan = make_plan(client, org, finished_for(org, "cx-matrix"))
    client.post(url(plan, "targets/"), {"s.strategy_leadership": "60"})
    response = client.post(
        url(plan, "targets/"),
        {field.format(dim="voice_of_customer"): value, "s.strategy_leadership": "90"},
    )
    assert response.status_code == 400
    assert words in text(response)
    assert "Nothing was changed" in text(response)
    assert list(plan.targets.values_list("dimension", "value")) == [("strategy_leadership", "60")]


def test_targets_carry_over_to_the_next_round(client: Client, team: dict[str, Any]) -> None:
    org = team["org"]
    client.force_login(team["owner"])
    first = make_plan(client, org, finished_for(org, "cx-journey-stages", seed=3))
    client.post(url(first, "targets/"), {"s.education": "75", "notes.education": "why not"})
    client.post(url(first, "settings/"), {"horizon_months": "9", "groundwork": "on"})
    second = make_plan(client, org, finished_for(org, "cx-journey-stages", seed=4))
    assert list(second.targets.values_list("dimension", "value", "notes")) == [
        ("education", "75", "why not")
    ]
    second.refresh_from_db()
    assert second.horizon_months == 9
    other_model = make_plan(client, org, finished_for(org, "cx-curve"))
    assert not other_model.targets.exists()


# -- priorities ------------------------------------------------------------------------------


def pick(client: Client, plan: Plan, actions: list[str]) -> None:
    for action in actions:
        response = client.post(url(plan, "priorities/"), {"op": "add", "action": action})
        assert response.status_code == 302


def test_priorities_are_picked_reordered_prefilled_and_recomputed(
    client: Client, team: dict[str, Any]
) -> None:
    org = team["org"]
    assessment = finished_for(org, "cx-journey-stages")
    client.force_login(team["facilitator"])
    plan = make_plan(client, org, assessment)
    planner, answers, result = core_inputs(assessment)
    ranked = [r.action for r in planner.plan(answers, result).recommendations]
    pick(client, plan, ranked[:3])
    pick(client, plan, ranked[:1])  # picking again adds nothing
    assert list(plan.priorities.values_list("action", flat=True)) == ranked[:3]
    first = plan.priorities.get(action=ranked[0])
    rec = planner.plan(answers, result).recommendation(ranked[0])
    assert first.recommendation == (rec.description or rec.label)
    assert [m["kpi"] for m in first.success_metrics] == [k.id for k in rec.kpis]

    client.post(url(plan, "priorities/"), {"op": "down", "action": ranked[0]})
    assert list(plan.priorities.values_list("action", flat=True)) == [
        ranked[1],
        ranked[0],
        ranked[2],
    ]
    document = client.get(url(plan, "plan.json")).json()
    chosen = [ranked[1], ranked[0], ranked[2]]
    assert document["selection"] == {"actions": chosen, "by": "chosen"}
    wanted = planner.plan(answers, result, chosen=chosen).to_dict()
    assert document["phases"] == wanted["phases"]

    client.post(url(plan, "priorities/"), {"op": "remove", "action": ranked[0]})
    assert list(plan.priorities.values_list("action", flat=True)) == [ranked[1], ranked[2]]
    client.post(url(plan, "priorities/"), {"op": "suggested"})
    assert list(plan.priorities.values_list("action", flat=True)) == list(
        planner.plan(answers, result).priorities
    )


def test_an_unknown_action_is_a_400_that_changes_nothing(
    client: Client, team: dict[str, Any]
) -> None:
    org = team["org"]
    client.force_login(team["owner"])
    plan = make_plan(client, org, finished_for(org, "cx-curve"))
    for data in (
        {"op": "add", "action": "act_nonexistent"},
        {"op": "set", "actions": ["act_nonexistent"]},
        {"op": "explode"},
    ):
        response = client.post(url(plan, "priorities/"), data)
        assert response.status_code == 400
        assert "Nothing was changed" in text(response)
    assert not plan.priorities.exists()


def priority_form(action: str, **extra: Any) -> dict[str, Any]:
    data = {
        "action": action,
        "touchpoint": "Sustain · IVR",
        "challenge": "Callers abandon the IVR",
        "recommendation": "Route by intent",
        "value_estimate": "125000.50",
        "currency": "EUR",
        "owner": "Dana (support lead)",
        "due_date": "2027-03-31",
        "m_kpi": ["csat", ""],
        "m_baseline": ["71", ""],
        "m_target": ["80", ""],
    }
    data.update(extra)
    return data


def test_priority_details_autosave_idempotently(client: Client, team: dict[str, Any]) -> None:
    org = team["org"]
    client.force_login(team["facilitator"])
    plan = make_plan(client, org, finished_for(org, "cx-journey-stages"))
    action = plan_services.compute(plan)[1].recommendations[0].action  # type: ignore[union-attr]
    pick(client, plan, [action])
    for _ in range(2):  # a double post (retry, double click) leaves one row with the values
        response = client.post(
            url(plan, "priority/"), priority_form(action), HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200
        assert "Saved" in response.content.decode()
    assert Priority.objects.filter(plan=plan).count() == 1
    row = Priority.objects.get(plan=plan)
    assert row.owner == "Dana (support lead)"
    assert str(row.value_estimate) == "125000.50"
    assert row.currency == "EUR"
    assert str(row.due_date) == "2027-03-31"
    assert row.success_metrics == [{"kpi": "csat", "baseline": 71.0, "target": 80.0}]
    # without JavaScript: the same form, a redirect back to the priority
    plain = client.post(url(plan, "priority/"), priority_form(action, owner="Sam"))
    assert plain.status_code == 302
    assert plain["Location"].endswith(f"#priority-{action}")
    assert Priority.objects.get(plan=plan).owner == "Sam"
    decisions = client.get(url(plan, "plan.json")).json()["decisions"]
    assert decisions["priorities"][0]["value_estimate"] == "125000.50"
    assert decisions["priorities"][0]["success_metrics"][0]["kpi"] == "csat"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"m_kpi": ["made_up"], "m_baseline": ["1"], "m_target": ["2"]}, "Unknown KPI"),
        ({"m_kpi": ["csat"], "m_baseline": ["lots"], "m_target": ["2"]}, "not a number"),
        ({"m_kpi": ["csat"], "m_baseline": ["1"]}, "a KPI, a baseline and a target"),
        ({"currency": "euro"}, "three-letter currency"),
        ({"currency": ""}, "currency of the value estimate"),
        ({"due_date": "31/31/2027"}, "due date"),
        ({"value_estimate": "-5"}, "value estimate"),
        ({"action": "not-a-priority"}, "not one of this plan's priorities"),
    ],
)
def test_bad_priority_details_are_a_400_that_changes_nothing(
    client: Client, team: dict[str, Any], change: dict[str, Any], words: str
) -> None:
    org = team["org"]
    client.force_login(team["owner"])
    plan = make_plan(client, org, finished_for(org, "cx-journey-stages"))
    action = plan_services.compute(plan)[1].recommendations[0].action  # type: ignore[union-attr]
    pick(client, plan, [action])
    before = list(Priority.objects.filter(plan=plan).values())
    headers: Any
    for headers in ({"HTTP_HX_REQUEST": "true"}, {}):
        response = client.post(
            url(plan, "priority/"), {**priority_form(action), **change}, **headers
        )
        assert response.status_code == 400
        assert words in text(response)
        assert "Nothing was changed" in text(response)
    assert list(Priority.objects.filter(plan=plan).values()) == before


# -- approval and permissions ------------------------------------------------------------------


def test_approval_needs_three_to_five_priorities_and_records_who_and_when(
    client: Client, team: dict[str, Any]
) -> None:
    org = team["org"]
    client.force_login(team["owner"])
    plan = make_plan(client, org, finished_for(org, "cx-automation"))
    ranked = [r.action for r in plan_services.compute(plan)[1].recommendations]  # type: ignore[union-attr]
    pick(client, plan, ranked[:2])  # drafting with two is fine
    refused = client.post(url(plan, "approve/"))
    assert refused.status_code == 400
    assert "3 to 5 priorities" in text(refused)
    pick(client, plan, ranked[2:6])
    assert plan.priorities.count() == 6
    assert client.post(url(plan, "approve/")).status_code == 400
    client.post(url(plan, "priorities/"), {"op": "remove", "action": ranked[5]})
    plan.refresh_from_db()
    assert plan.approved_at is None
    assert client.post(url(plan, "approve/")).status_code == 302
    plan.refresh_from_db()
    assert plan.approved_by == team["owner"]
    assert plan.approved_at is not None
    approved = client.get(url(plan, "plan.json")).json()["decisions"]["approved"]
    assert approved["by"] == "owner@plans.example"
    assert "Approved by" in text(client.get(url(plan)))
    client.post(url(plan, "approve/"), {"op": "withdraw"})
    plan.refresh_from_db()
    assert plan.approved_at is None


def test_a_facilitator_may_edit_but_not_approve(client: Client, team: dict[str, Any]) -> None:
    org = team["org"]
    client.force_login(team["facilitator"])
    plan = make_plan(client, org, finished_for(org, "cx-matrix"))
    ranked = [r.action for r in plan_services.compute(plan)[1].recommendations]  # type: ignore[union-attr]
    pick(client, plan, ranked[:3])
    assert client.post(url(plan, "approve/")).status_code == 403
    plan.refresh_from_db()
    assert plan.approved_at is None


def test_a_viewer_reads_and_comments_but_cannot_edit(client: Client, team: dict[str, Any]) -> None:
    org = team["org"]
    client.force_login(team["owner"])
    plan = make_plan(client, org, finished_for(org, "cx-journey-stages"))
    ranked = [r.action for r in plan_services.compute(plan)[1].recommendations]  # type: ignore[union-attr]
    pick(client, plan, ranked[:3])
    client.force_login(team["viewer"])
    page = client.get(url(plan))
    assert page.status_code == 200
    assert 'name="op" value="add"' not in page.content.decode()  # no edit controls
    assert client.get(url(plan, "plan.json")).status_code == 200
    assert client.get(url(plan, "what-if/")).status_code == 200
    assert client.get(url(plan, "budget/") + "?budget=4").status_code == 200
    assert client.get(url(plan, "discovery/")).status_code == 200
    for tail, data in (
        ("targets/", {"s.education": "80"}),
        ("priorities/", {"op": "add", "action": ranked[4]}),
        ("priority/", priority_form(ranked[0])),
        ("settings/", {"horizon_months": "6"}),
        ("discovery/save/", {"part": "metrics", "top_metrics": ["csat"]}),
        ("governance/", {"policy": "data_privacy", "needed": "on"}),
        ("approve/", {}),
    ):
        assert client.post(url(plan, tail), data).status_code == 403, tail
    assert not plan.targets.exists()
    assert plan.priorities.count() == 3
    assert Priority.objects.get(plan=plan, action=ranked[0]).owner == ""
    # ...but may comment, on the plan and on a priority
    assert client.post(url(plan, "comments/"), {"text": "Looks right"}).status_code == 302
    response = client.post(
        url(plan, "comments/"), {"text": "Who owns this?", "priority": ranked[0]}
    )
    assert response.status_code == 302
    comments = Comment.objects.filter(plan=plan).order_by("pk")
    assert [(c.author, c.priority_id is not None) for c in comments] == [
        (team["viewer"], False),
        (team["viewer"], True),
    ]
    body = text(client.get(url(plan)))
    assert "Looks right" in body
    assert "Who owns this?" in body
    bad = client.post(url(plan, "comments/"), {"text": "x", "priority": "nope"})
    assert bad.status_code == 400
    assert client.post(url(plan, "comments/"), {"text": ""}).status_code == 400
    assert Comment.objects.filter(plan=plan).count() == 2


def test_another_organizations_plan_is_a_404(client: Client, team: dict[str, Any]) -> None:
    org = team["org"]
    client.force_login(team["owner"])
    plan = make_plan(client, org, finished_for(org, "cx-curve"))
    other, _ = organization_with("owner", "owner@elsewhere.example", "Elsewhere")
    client.force_login(team["owner"])
    Membership.objects.create(user=team["owner"], organization=other, role="owner")
    # the owner of both: the plan id under the other organization does not exist
    assert client.get(f"/o/{other.pk}/plans/{plan.pk}/").status_code == 404
    assert client.post(f"/o/{other.pk}/plans/{plan.pk}/approve/").status_code == 404


# -- what-if and budget --------------------------------------------------------------------------


def projected_cells(body: str) -> dict[str, str]:
    """dimension id → the projected figure shown in the what-if table."""
    rows = re.findall(
        r'<tr[^>]*data-dimension="([^"]+)">.*?<td class="num projected">([^<]*)</td>',
        body,
        flags=re.S,
    )
    return dict(rows)


def shown(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}".rstrip("0").rstrip(".")


@pytest.mark.parametrize("model_id", MODELS)
def test_what_if_shows_the_planners_projection(
    client: Client, team: dict[str, Any], model_id: str
) -> None:
    org = team["org"]
    assessment = finished_for(org, model_id)
    client.force_login(team["viewer"])
    Membership.objects.filter(user=team["viewer"]).update(role="owner")
    plan = make_plan(client, org, assessment)
    Membership.objects.filter(user=team["viewer"]).update(role="viewer")
    planner, answers, result = core_inputs(assessment)
    actions = [r.action for r in planner.plan(answers, result).recommendations[:3]]
    projection = planner.what_if(answers, actions)
    headers: Any
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = client.get(url(plan, "what-if/"), {"action": actions}, **headers)
        assert response.status_code == 200
        cells = projected_cells(response.content.decode())
        for d in (*projection.dimensions, projection.overall):
            assert cells[d.id] == shown(d.projected), (d.id, cells)
        body = text(response)
        for d in projection.dimensions:
            if d.projected_level and d.current_level and d.projected_level.id != d.current_level.id:
                assert d.projected_level.label in body
    fragment = client.get(url(plan, "what-if/"), {"action": actions}, HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()  # htmx gets the fragment only


def test_what_if_on_cx_automation_use_cases_equals_rescoring(
    client: Client, team: dict[str, Any]
) -> None:
    """The use-case actions are re-scored by the model's Scorer (the core tests that); the
    page must show the same numbers as scoring the changed answers."""
    org = team["org"]
    assessment = finished_for(org, "cx-automation")
    client.force_login(team["owner"])
    plan = make_plan(client, org, assessment)
    planner, answers, result = core_inputs(assessment)
    use_cases = [
        r.action for r in planner.plan(answers, result).recommendations if r.use_case is not None
    ][:3]
    assert use_cases
    projection = planner.what_if(answers, use_cases)
    assert set(projection.methods.values()) == {"rescored"}
    changed = dict(answers.values)
    for change in projection.changes:
        matrix = dict(changed.get(change.question) or {})
        matrix[change.item] = change.after
        changed[change.question] = matrix
    from cxmaturity.core.scoring import Answers

    rescored = planner.scorer.score(Answers(changed, answers.context))
    cells = projected_cells(
        client.get(url(plan, "what-if/"), {"action": use_cases}).content.decode()
    )
    for d in rescored.dimensions:
        assert cells[d.id] == shown(d.score)
    assert cells["overall"] == shown(rescored.overall.score)


def test_what_if_with_an_unknown_action_is_a_400(client: Client, team: dict[str, Any]) -> None:
    org = team["org"]
    client.force_login(team["owner"])
    plan = make_plan(client, org, finished_for(org, "cx-curve"))
    response = client.get(url(plan, "what-if/"), {"action": ["nope"]})
    assert response.status_code == 400
    assert "unknown action 'nope'" in text(response)


def test_the_budget_page_explains_the_exact_best_set(client: Client, team: dict[str, Any]) -> None:
    org = team["org"]
    assessment = finished_for(org, "cx-journey-stages")
    client.force_login(team["owner"])
    plan = make_plan(client, org, assessment)
    planner, answers, result = core_inputs(assessment)
    assert client.get(url(plan, "budget/")).status_code == 200  # the form alone
    best = planner.best_for_budget(answers, 6, result)
    body = text(client.get(url(plan, "budget/"), {"budget": "6"}))
    assert best.explanation in body
    assert "solved exactly" in best.explanation or not best.chosen
    labels = {r.action: r.label for r in planner.plan(answers, result).recommendations}
    for action in best.chosen:
        assert labels[action] in body
    for reason in best.not_chosen[:3]:
        assert reason.reason in body
    strict = planner.best_for_budget(answers, 6, result, groundwork=False)
    assert strict.explanation in text(
        client.get(url(plan, "budget/"), {"budget": "6", "groundwork": "leave_out"})
    )
    # the chosen set becomes the priorities in one post
    response = client.post(url(plan, "priorities/"), {"op": "set", "actions": list(best.chosen)})
    assert response.status_code == 302
    assert list(plan.priorities.values_list("action", flat=True)) == list(best.chosen)
    for bad in ("-1", "lots", "5000"):
        refused = client.get(url(plan, "budget/"), {"budget": bad})
        assert refused.status_code == 400
        assert "whole number of effort points" in text(refused)


# -- discovery, governance ------------------------------------------------------------------------


def test_the_discovery_workspace_feeds_candidate_challenges(
    client: Client, team: dict[str, Any]
) -> None:
    org = team["org"]
    client.force_login(team["facilitator"])
    plan = make_plan(client, org, finished_for(org, "cx-journey-stages"))
    page = client.get(url(plan, "discovery/"))
    assert page.status_code == 200
    for stage in ("Education", "Deal", "Onboard", "Sustain", "Upsell"):
        assert stage in text(page)
    save = url(plan, "discovery/save/")
    response = client.post(
        save,
        {
            "part": "metrics",
            "top_metrics": ["csat", "fcr"],
            "business_goals": "Grow retention\n\nCut cost",
        },
    )
    assert response.status_code == 302
    touchpoint = {
        "part": "touchpoint",
        "stage": "sustain",
        "name": "Phone line",
        "intent": "Fix a billing error",
        "kind": "friction",
        "roadblocks": "Callers abandon the IVR",
    }
    for _ in range(2):  # saving the same touchpoint again updates it
        assert client.post(save, touchpoint).status_code == 302
    client.post(save, {**touchpoint, "name": "Order page", "kind": "conversion", "stage": "deal"})
    gap = {
        "part": "gap",
        "kind": "data",
        "description": "No view of open tickets in the CRM",
        "said_by": "Sales team",
        "source": "team",
    }
    for _ in range(2):
        assert client.post(save, gap).status_code == 302
    assert plan.touchpoints.count() == 2
    assert plan.gaps.count() == 1
    candidates = [c["text"] for c in plan_services.candidate_challenges(plan)]
    assert candidates == [
        "Sustain · Phone line: Callers abandon the IVR",
        "Data gap: No view of open tickets in the CRM (Sales team, A go-to-market team)",
    ]
    document = client.get(url(plan, "plan.json")).json()["decisions"]["discovery"]
    assert document["top_metrics"] == ["csat", "fcr"]
    assert document["business_goals"] == ["Grow retention", "Cut cost"]
    assert document["touchpoints"][1]["type"] == "friction"
    assert [c["text"] for c in document["candidate_challenges"]] == candidates
    # the candidates are offered to each priority's challenge
    ranked = [r.action for r in plan_services.compute(plan)[1].recommendations]  # type: ignore[union-attr]
    pick(client, plan, ranked[:1])
    body = text(client.get(url(plan)))
    assert 'list="challenge-candidates"' in body
    assert f'<option value="{candidates[0]}">' in body
    # bad input: 400, nothing saved
    for data in (
        {**touchpoint, "kind": "angry"},
        {**touchpoint, "stage": "nowhere"},
        {**gap, "kind": "vibes"},
        {"part": "metrics", "top_metrics": ["made_up"]},
        {"part": "other"},
        {"part": "delete_gap", "id": "x"},
    ):
        assert client.post(save, data).status_code == 400, data
    assert plan.touchpoints.count() == 2
    assert plan.gaps.count() == 1
    plan.refresh_from_db()
    assert plan.top_metrics == ["csat", "fcr"]
    gap_id = plan.gaps.get().pk
    for _ in range(2):
        assert client.post(save, {"part": "delete_gap", "id": str(gap_id)}).status_code == 302
    assert not plan.gaps.exists()


def test_models_without_journey_stages_have_no_discovery(
    client: Client, team: dict[str, Any]
) -> None:
    org = team["org"]
    client.force_login(team["owner"])
    plan = make_plan(client, org, finished_for(org, "cx-automation"))
    assert client.get(url(plan, "discovery/")).status_code == 302
    assert client.post(url(plan, "discovery/save/"), {"part": "metrics"}).status_code == 400


def test_governance_and_task_force(client: Client, team: dict[str, Any]) -> None:
    org = team["org"]
    client.force_login(team["facilitator"])
    plan = make_plan(client, org, finished_for(org, "cx-journey-stages"))
    item = {"policy": "ai_handoff", "needed": "on", "owner": "Head of support"}
    for _ in range(2):
        response = client.post(url(plan, "governance/"), item, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
    client.post(url(plan, "governance/"), {**item, "done": "on"})
    client.post(
        url(plan, "governance/"), {"role": "executive_sponsor", "person": "Chief Operating Officer"}
    )
    decisions = client.get(url(plan, "plan.json")).json()["decisions"]
    assert decisions["governance"] == [
        {
            "policy": "ai_handoff",
            "label": "Hand-off from AI to a person",
            "owner": "Head of support",
            "done": True,
        }
    ]
    assert decisions["task_force"][0]["person"] == "Chief Operating Officer"
    assert (
        client.post(url(plan, "governance/"), {"policy": "nope", "needed": "on"}).status_code == 400
    )
    client.post(url(plan, "governance/"), {"policy": "ai_handoff"})  # not needed: removed
    assert not plan.governance.exists()


def test_plan_document_is_the_core_plan_plus_decisions(
    client: Client, team: dict[str, Any]
) -> None:
    org = team["org"]
    assessment = finished_for(org, "cx-curve")
    client.force_login(team["owner"])
    plan = make_plan(client, org, assessment)
    response = client.post(
        url(plan, "settings/"),
        {"horizon_months": "6", "budget": "5", "groundwork": "", "priority_kpis": ["csat"]},
    )
    assert response.status_code == 302, text(response)
    plan.refresh_from_db()
    planner, answers, result = core_inputs(assessment)
    wanted = planner.plan(
        answers, result, horizon_months=6, budget=5, groundwork=False, priority_kpis=["csat"]
    ).to_dict()
    document = plan_services.plan_document(plan)
    assert {k: document[k] for k in wanted} == wanted
    assert document["decisions"]["budget"] == 5
    assert document["problem"] is None
    assert client.get(url(plan, "plan.json")).json() == document
    bad = client.post(url(plan, "settings/"), {"horizon_months": "0"})
    assert bad.status_code == 400
    plan.refresh_from_db()
    assert plan.horizon_months == 6
