"""Forms for creating a campaign and adding respondents."""

from __future__ import annotations

from typing import Any

from django import forms

from ..assessments import registry
from ..assessments.forms import INDUSTRIES, REGIONS, SIZE_CHOICES
from ..assessments.models import ModelVersion

ROSTER_LIMIT = 2 * 1024 * 1024


class CampaignForm(forms.Form):
    name = forms.CharField(max_length=200, label="Campaign name")
    model = forms.ChoiceField(label="Model")
    industry = forms.ChoiceField(choices=INDUSTRIES)
    region = forms.ChoiceField(choices=REGIONS, required=False)
    size = forms.ChoiceField(choices=SIZE_CHOICES, required=False, label="Company size")
    deadline = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Deadline (optional)"
    )
    anonymous = forms.BooleanField(
        required=False,
        label="Anonymous: facilitators see combined results only, never who answered what",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.versions = {v.model_id: v for v in registry.current_versions()}
        field = self.fields["model"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(v.model_id, v.title) for v in self.versions.values()]

    def model_version(self) -> ModelVersion:
        return self.versions[self.cleaned_data["model"]]


class RespondentForm(forms.Form):
    name = forms.CharField(max_length=200)
    email = forms.EmailField(label="E-mail")
    department = forms.CharField(max_length=100, required=False, label="Department or team")
    role = forms.CharField(max_length=100, required=False)


class RosterForm(forms.Form):
    file = forms.FileField(
        label="Respondent list (CSV or XLSX)",
        help_text="Columns: name, email, department, role. A file with any bad row imports nothing.",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > ROSTER_LIMIT:
            raise forms.ValidationError("The file is larger than 2 MB.")
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError("Use a .csv or .xlsx file.")
        return upload
