"""A plan as a report shows it, from the plan's JSON document: no database, no web framework.

The planner (`cxmaturity.core.planning`) describes a plan as `Plan.to_dict()`; the web
app adds what people decided (`decisions`: the chosen priorities with their challenge,
recommendation, success metrics, value, owner and due date; the task force; the
approval) and where it came from (`source`), in one document
(`web.plans.services.plan_document`). `plan_report(document, model)` turns either into
the `plan` mapping `ReportData` reads:

- `priorities`: the people's priorities when they picked any (in their order), else the
  planner's selection (its top priorities, or the best set for a budget); at most five.
  Each with its catalog action, the dimension it raises most, its stage, whether it is a
  quick win, its KPIs (with the baseline and target people set) and its value (the
  money people estimated, else the expected rise of the overall score).
- `targets`: {dimension id: target score}; `overall`: the overall score now and targeted.
- `phases`: the implementation phase in three steps: quick wins (start now), groundwork
  (systems to confirm or put in place first) and the actions that wait on it.
- `task_force`: [{role, person}], roles in words; `kpis`: the KPIs to watch.
- `status` (`approved`, `draft` or `suggested` when nobody decided anything), `approved_on`,
  `title`, `source`, `horizon_months`, `reassess_months`, `notes`.

Nothing here names who approved or commented: a report may leave the organization.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from cxmaturity.core._text import resolve
from cxmaturity.core.model import MaturityModel

from ._content import half_up

PRIORITIES = 5  # a plan puts forward 3 to 5 priorities
QUICK_WINS = "Quick wins: start now"
GROUNDWORK = "Groundwork first"
AFTERWARDS = "Then, once the groundwork is done"


def plan_report(
    document: Mapping[str, Any] | None, model: MaturityModel | None = None
) -> dict[str, Any] | None:
    """The report's `plan` from a plan document (`Plan.to_dict()`, optionally with the web
    app's `decisions` and `source`), or None when it holds nothing to show.

    `model` (the model the plan was made on) supplies stage, KPI and action labels the
    document does not carry; without it ids stand in.
    """
    if not document:
        return None
    labels = _Labels(document, model)
    decisions = _mapping(document.get("decisions"))
    recommendations = {
        r["action"]: r
        for r in _list(document.get("recommendations"))
        if isinstance(r, Mapping) and r.get("action")
    }
    listed = [
        (n, p)
        for n, p in enumerate(_list(decisions.get("priorities")))
        if isinstance(p, Mapping) and p.get("action")
    ]
    decided = [p for _, p in sorted(listed, key=lambda e: (_int(e[1].get("rank")), e[0]))]
    if decided:
        priorities = [_decided(p, recommendations.get(p["action"]), labels) for p in decided]
    else:
        selection = _mapping(document.get("selection")).get("actions")
        chosen = _list(selection) or _list(document.get("priorities"))
        priorities = [
            _suggested(recommendations[a], labels) for a in chosen if a in recommendations
        ]
    priorities = priorities[:PRIORITIES]
    targets = {
        t["dimension"]: t["target"]
        for t in _list(document.get("targets"))
        if isinstance(t, Mapping) and t.get("dimension") and _number(t.get("target")) is not None
    }
    task_force = [
        {"role": str(m.get("label") or m.get("role") or ""), "person": m.get("person") or None}
        for m in _list(decisions.get("task_force"))
        if isinstance(m, Mapping) and (m.get("person") or "").strip()
    ]
    phases = _phases(document, labels)
    kpis = _kpis(document, decided, labels)
    notes = [str(n) for n in _list(document.get("notes")) if n]
    if document.get("problem"):
        notes.insert(0, str(document["problem"]))
    if not (priorities or targets or phases or task_force or kpis):
        return None
    approved = _mapping(decisions.get("approved"))
    status = "approved" if approved else ("draft" if decisions else "suggested")
    overall = _mapping(document.get("overall"))
    return {
        "title": decisions.get("title") or None,
        "status": status,
        "approved_on": _day(approved.get("at")) if approved else None,
        "source": _mapping(document.get("source")).get("label") or None,
        "horizon_months": _int(decisions.get("horizon_months") or document.get("horizon_months"))
        or None,
        "reassess_months": _int(
            _mapping(_mapping(document.get("phases")).get("success")).get("reassess_months")
            or document.get("reassess_months")
        )
        or None,
        "selected_by": "people" if decided else _mapping(document.get("selection")).get("by"),
        "priorities": priorities,
        "targets": targets,
        "overall": (
            {
                "current": overall.get("current"),
                "target": overall.get("target"),
                "gap": overall.get("gap"),
            }
            if overall
            else None
        ),
        "phases": phases,
        "task_force": task_force,
        "kpis": kpis,
        "notes": notes,
    }


class _Labels:
    """Words for the ids a plan document uses: from the document first, then the model."""

    def __init__(self, document: Mapping[str, Any], model: MaturityModel | None) -> None:
        self.model = model
        self.dimensions: dict[str, str] = {}
        self.kpis: dict[str, Mapping[str, Any]] = {}
        self.stages: dict[str, str] = {}
        self.actions: dict[str, str] = {}
        self.systems: dict[str, str] = {}
        if model is not None:
            self.dimensions = {d.id: self.text(d.label) for d in model.dimensions}
            self.stages = {s.id: self.text(s.label) for s in model.stages}
            self.actions = {a.id: self.text(a.label) for a in model.actions}
            self.systems = {s.id: self.text(s.label) for s in model.systems}
            self.kpis = {
                k.id: {"id": k.id, "label": self.text(k.label), "unit": k.unit, "better": k.better}
                for k in model.kpis
            }
        for t in _list(document.get("targets")):
            if isinstance(t, Mapping) and t.get("dimension") and t.get("label"):
                self.dimensions[t["dimension"]] = str(t["label"])
        phases = _mapping(document.get("phases"))
        refs = [
            *(
                k
                for r in _list(document.get("recommendations"))
                for k in _list(_mapping(r).get("kpis"))
            ),
            *_list(_mapping(phases.get("success")).get("kpis")),
        ]
        for k in refs:
            if isinstance(k, Mapping) and k.get("id"):
                self.kpis[k["id"]] = {**self.kpis.get(k["id"], {}), **k}
        for r in _list(document.get("recommendations")):
            if isinstance(r, Mapping) and r.get("action") and r.get("label"):
                self.actions[r["action"]] = str(r["label"])

    def text(self, value: Any) -> str:
        if self.model is None:
            return str(value or "")
        return resolve(value, self.model.locale, self.model.locale) or ""

    def kpi(self, kpi_id: str) -> dict[str, Any]:
        found = self.kpis.get(kpi_id) or {}
        return {
            "id": kpi_id,
            "label": str(found.get("label") or kpi_id),
            "unit": found.get("unit") or None,
            "better": found.get("better"),
            "priority": bool(found.get("priority")),
        }


def _suggested(rec: Mapping[str, Any], labels: _Labels) -> dict[str, Any]:
    """A priority the planner put forward: its catalog words and expected gain."""
    return {
        **_from_recommendation(rec, labels),
        "challenge": None,
        "recommendation": rec.get("description") or None,
        "kpis": [
            labels.kpi(k["id"])["label"] for k in _list(rec.get("kpis")) if _mapping(k).get("id")
        ],
        "value": _gain_text(rec.get("gain")),
        "value_amount": None,
        "currency": None,
        "owner": None,
        "due": None,
    }


def _decided(
    p: Mapping[str, Any], rec: Mapping[str, Any] | None, labels: _Labels
) -> dict[str, Any]:
    """A priority people picked: what they wrote, over the catalog's words."""
    base = (
        _from_recommendation(rec, labels)
        if rec is not None
        else {
            "title": labels.actions.get(p["action"], p["action"]),
            "action": p["action"],
            "dimension": None,
            "stage": None,
            "kind": None,
            "effort": None,
            "gain": None,
        }
    )
    metrics = [
        m for m in _list(p.get("success_metrics")) if isinstance(m, Mapping) and m.get("kpi")
    ]
    if metrics:
        kpis: list[Any] = []
        for m in metrics:
            kpi = labels.kpi(str(m["kpi"]))
            kpis.append(
                {
                    "id": kpi["id"],
                    "label": kpi["label"],
                    "unit": _unit(kpi["unit"]),
                    "baseline": _number(m.get("baseline")),
                    "target": _number(m.get("target")),
                }
            )
    else:
        kpis = [
            labels.kpi(k["id"])["label"]
            for k in _list((rec or {}).get("kpis"))
            if _mapping(k).get("id")
        ]
    amount = _amount(p.get("value_estimate"))
    currency = (p.get("currency") or "").strip() or None
    money = _money_text(amount, currency) if amount is not None else None
    gain = _gain_text(base.get("gain"))
    return {
        **base,
        "stage": (p.get("touchpoint") or "").strip() or base.get("stage"),
        "challenge": (p.get("challenge") or "").strip() or None,
        "recommendation": (p.get("recommendation") or "").strip()
        or ((rec or {}).get("description") or None),
        "kpis": kpis,
        "value": "; ".join(v for v in (money, gain) if v) or None,
        "value_amount": amount,
        "currency": currency,
        "owner": (p.get("owner") or "").strip() or None,
        "due": _day(p.get("due_date")),
    }


def _from_recommendation(rec: Mapping[str, Any], labels: _Labels) -> dict[str, Any]:
    gains = {k: v for k, v in _mapping(rec.get("gains")).items() if _number(v)}
    impact = {k: v for k, v in _mapping(rec.get("impact")).items() if _number(v)}
    moved = gains or impact
    dimension = max(moved, key=lambda k: float(moved[k])) if moved else None
    stage = rec.get("stage")
    return {
        "title": str(rec.get("label") or rec.get("action")),
        "action": rec.get("action"),
        "dimension": labels.dimensions.get(dimension, dimension) if dimension else None,
        "stage": labels.stages.get(stage, stage) if stage else None,
        "kind": _kind(rec.get("kind")),
        "effort": rec.get("effort") or None,
        "gain": _number(rec.get("gain")),
    }


def _kind(kind: Any) -> str | None:
    return {
        "quick_win": "quick win",
        "groundwork": "groundwork first",
        "confirm": "to confirm",
    }.get(str(kind))


def _phases(document: Mapping[str, Any], labels: _Labels) -> list[dict[str, Any]]:
    """The implementation phase as quick wins, groundwork, and what waits on it."""
    steps = [
        s
        for s in _list(
            _mapping(_mapping(document.get("phases")).get("implementation")).get("steps")
        )
        if isinstance(s, Mapping)
    ]
    by_id = {s.get("id"): s for s in steps}
    needed_by: dict[str, list[str]] = {}
    for s in steps:
        for d in _list(s.get("depends_on")):
            needed_by.setdefault(str(d), []).append(str(s.get("label") or s.get("action")))
    quick, groundwork, later = [], [], []
    for s in steps:
        label = str(s.get("label") or s.get("action") or s.get("id"))
        kind = s.get("kind")
        if kind == "quick_win":
            quick.append(label)
        elif kind in ("groundwork", "confirm"):
            users = needed_by.get(str(s.get("id")), [])
            groundwork.append(f"{label} (for: {'; '.join(users)})" if users else label)
        else:
            after = [_step_name(str(d), by_id, labels) for d in _list(s.get("depends_on"))]
            later.append(f"{label} (after: {'; '.join(after)})" if after else label)
    return [
        {"name": name, "kind": kind, "items": items}
        for name, kind, items in (
            (QUICK_WINS, "quick_win", quick),
            (GROUNDWORK, "groundwork", groundwork),
            (AFTERWARDS, "action", later),
        )
        if items
    ]


def _step_name(step_id: str, steps: Mapping[Any, Mapping[str, Any]], labels: _Labels) -> str:
    """What a step waits on, in words: a system's name, or an action's label."""
    kind, _, key = step_id.partition(":")
    if kind == "system" and key in labels.systems:
        return labels.systems[key]
    if kind == "action" and key in labels.actions:
        return labels.actions[key]
    step = steps.get(step_id)
    return str(step.get("label") or key) if step else key


def _kpis(
    document: Mapping[str, Any], decided: Sequence[Mapping[str, Any]], labels: _Labels
) -> list[dict[str, Any]]:
    """The KPIs to watch (priority KPIs first), with the baseline and target people set."""
    set_by_people: dict[str, dict[str, Any]] = {}
    for p in decided:
        for m in _list(p.get("success_metrics")):
            if not isinstance(m, Mapping) or not m.get("kpi"):
                continue
            entry = set_by_people.setdefault(str(m["kpi"]), {"baseline": None, "target": None})
            for key in ("baseline", "target"):
                if entry[key] is None:
                    entry[key] = _number(m.get(key))
    watched = [
        str(k["id"])
        for k in _list(_mapping(_mapping(document.get("phases")).get("success")).get("kpis"))
        if isinstance(k, Mapping) and k.get("id")
    ]
    ordered = list(dict.fromkeys([*watched, *set_by_people]))
    out = []
    for kpi_id in ordered:
        kpi = labels.kpi(kpi_id)
        values = set_by_people.get(kpi_id, {})
        out.append(
            {
                "id": kpi_id,
                "label": kpi["label"],
                "unit": _unit(kpi["unit"]),
                "better": kpi["better"],
                "priority": kpi["priority"],
                "baseline": values.get("baseline"),
                "target": values.get("target"),
            }
        )
    return out


def _unit(unit: Any) -> str | None:
    """A unit as it reads after a number ('currency' is no unit to print)."""
    if not unit or unit == "currency":
        return None
    return str(unit)


def _gain_text(gain: Any) -> str | None:
    value = _number(gain)
    if value is None or value <= 0:
        return None
    return f"+{half_up(value, 1)} overall points (expected)"


def _money_text(amount: float, currency: str | None) -> str:
    shown = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    return f"{currency} {shown}" if currency else shown


def _amount(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number else None  # NaN is no number to show


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _day(value: Any) -> date | None:
    """An ISO date or datetime (a string, or already a date) as a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []
