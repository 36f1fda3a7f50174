"""Forms for what people decide on a plan. Each one checks everything before anything is
saved, so a bad post is refused whole (400) and changes nothing."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.validators import RegexValidator

from .models import GAP_SOURCES, GOVERNANCE_POLICIES, TASK_FORCE_ROLES, CapabilityGap, Touchpoint

MAX_METRICS = 8


class PlanSettingsForm(forms.Form):
    title = forms.CharField(max_length=200, required=False)
    horizon_months = forms.IntegerField(
        min_value=1, max_value=60, label="Horizon (months the targets are for)"
    )
    budget = forms.IntegerField(
        min_value=0, max_value=1000, required=False, label="Effort budget (points, optional)"
    )
    groundwork = forms.BooleanField(
        required=False, label="Allow groundwork: actions that need systems not yet in place"
    )
    priority_kpis = forms.MultipleChoiceField(
        required=False, label="KPIs that matter most", widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, kpis: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["priority_kpis"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = list(kpis)


class PriorityForm(forms.Form):
    """One priority's details; the success metrics come as parallel lists m_kpi,
    m_baseline and m_target (one row each, blank rows ignored)."""

    touchpoint = forms.CharField(max_length=200, required=False, label="Touchpoint or stage")
    challenge = forms.CharField(max_length=2000, required=False)
    recommendation = forms.CharField(max_length=4000, required=False, widget=forms.Textarea)
    value_estimate = forms.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False, label="Value estimate"
    )
    currency = forms.CharField(
        max_length=3,
        required=False,
        validators=[RegexValidator(r"^[A-Z]{3}$", "Use a three-letter currency code like EUR.")],
    )
    owner = forms.CharField(max_length=200, required=False)
    due_date = forms.DateField(required=False, label="Due date")

    def __init__(self, *args: Any, kpis: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kpis = list(kpis)
        self.metrics: list[dict[str, Any]] = []

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("value_estimate") is not None and not data.get("currency"):
            self.add_error("currency", "Give the currency of the value estimate (e.g. EUR).")
        post = self.data
        kpis = post.getlist("m_kpi") if hasattr(post, "getlist") else []
        baselines = post.getlist("m_baseline") if hasattr(post, "getlist") else []
        targets = post.getlist("m_target") if hasattr(post, "getlist") else []
        if not len(kpis) == len(baselines) == len(targets):
            raise forms.ValidationError(
                "Each success metric needs a KPI, a baseline and a target field."
            )
        metrics = []
        for kpi, baseline, target in zip(kpis, baselines, targets, strict=True):
            if not kpi.strip():
                if baseline.strip() or target.strip():
                    raise forms.ValidationError("A success metric with figures needs a KPI.")
                continue
            if kpi not in self.kpis:
                raise forms.ValidationError(
                    f"Unknown KPI '{kpi}'; this model's KPIs are {', '.join(self.kpis)}."
                )
            metrics.append(
                {"kpi": kpi, "baseline": _number(baseline, kpi), "target": _number(target, kpi)}
            )
        if len(metrics) > MAX_METRICS:
            raise forms.ValidationError(f"At most {MAX_METRICS} success metrics per priority.")
        if len({m["kpi"] for m in metrics}) != len(metrics):
            raise forms.ValidationError("Each KPI once per priority, please.")
        self.metrics = metrics
        return data


def _number(text: str, kpi: str) -> float | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise forms.ValidationError(f"'{text}' for {kpi} is not a number.") from None
    if not math.isfinite(value):
        raise forms.ValidationError(f"'{text}' for {kpi} is not a number.")
    return value


class TouchpointForm(forms.Form):
    stage = forms.ChoiceField()
    name = forms.CharField(max_length=200, label="Touchpoint")
    intent = forms.CharField(max_length=500, required=False, label="What the customer wants")
    kind = forms.ChoiceField(choices=Touchpoint.Kind.choices, label="Type")
    roadblocks = forms.CharField(
        max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, stages: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["stage"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = list(stages)


class GapForm(forms.Form):
    kind = forms.ChoiceField(choices=CapabilityGap.Kind.choices, label="Gap in")
    description = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    said_by = forms.CharField(max_length=200, required=False, label="Who said it")
    source = forms.ChoiceField(choices=[("", "–"), *GAP_SOURCES], required=False)


class MetricsForm(forms.Form):
    top_metrics = forms.MultipleChoiceField(
        required=False, label="Top CX metrics", widget=forms.CheckboxSelectMultiple
    )
    business_goals = forms.CharField(
        max_length=4000,
        required=False,
        label="Business goals, one a line",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, kpis: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["top_metrics"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = list(kpis)


class GovernanceForm(forms.Form):
    policy = forms.ChoiceField(choices=GOVERNANCE_POLICIES)
    needed = forms.BooleanField(required=False, label="The plan needs this policy updated")
    owner = forms.CharField(max_length=200, required=False)
    done = forms.BooleanField(required=False)


class TaskForceForm(forms.Form):
    role = forms.ChoiceField(choices=TASK_FORCE_ROLES)
    person = forms.CharField(max_length=200, required=False)


class CommentForm(forms.Form):
    text = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    priority = forms.CharField(max_length=64, required=False)
