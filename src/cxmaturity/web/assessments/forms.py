"""The start form: which model, and the context that selects benchmarks and narratives."""

from __future__ import annotations

from typing import Any

from django import forms

from cxmaturity.core.scoring._sample import SIZES

from . import registry
from .models import ModelVersion

INDUSTRIES = [
    ("finance", "Financial services"),
    ("retail", "Retail and e-commerce"),
    ("telco", "Telecommunications"),
    ("other", "Another industry"),
]
REGIONS = [
    ("", "Prefer not to say"),
    ("americas", "Americas"),
    ("europe", "Europe"),
    ("middle-east-africa", "Middle East and Africa"),
    ("asia-pacific", "Asia-Pacific"),
]
SIZE_CHOICES = [("", "Prefer not to say")] + [(s, f"{s} employees") for s in SIZES]


class StartForm(forms.Form):
    model = forms.ChoiceField(label="Model", widget=forms.RadioSelect)
    industry = forms.ChoiceField(label="Industry", choices=INDUSTRIES)
    region = forms.ChoiceField(label="Region", choices=REGIONS, required=False)
    size = forms.ChoiceField(label="Company size", choices=SIZE_CHOICES, required=False)
    organization = forms.CharField(
        label="Organization name (optional)",
        max_length=200,
        required=False,
        help_text="Shown on your result; leave it empty to stay anonymous.",
    )

    def __init__(self, *args: Any, memberships: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.versions = {v.model_id: v for v in registry.current_versions()}
        field = self.fields["model"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(v.model_id, v.title) for v in self.versions.values()]
        self.memberships = {str(m.organization_id): m for m in memberships or []}
        if self.memberships:
            # A signed-in member may file the assessment under one of their organizations.
            self.fields["for_organization"] = forms.ChoiceField(
                label="For which organization",
                required=False,
                choices=[("", "None: a private assessment with a typed name")]
                + [(key, m.organization.name) for key, m in self.memberships.items()],
            )

    def model_version(self) -> ModelVersion:
        return self.versions[self.cleaned_data["model"]]
