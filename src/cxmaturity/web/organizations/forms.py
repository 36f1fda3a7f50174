"""Forms for organizations and their members."""

from __future__ import annotations

from typing import Any

from django import forms

from ..assessments.forms import INDUSTRIES, REGIONS, SIZE_CHOICES
from .models import LOGO_LIMIT, Organization, Role

LOGO_TYPES = {"image/png", "image/jpeg", "image/svg+xml", "image/webp"}


class OrganizationForm(forms.ModelForm):  # type: ignore[type-arg]
    industry = forms.ChoiceField(choices=INDUSTRIES)
    region = forms.ChoiceField(choices=REGIONS, required=False)
    size = forms.ChoiceField(choices=SIZE_CHOICES, required=False, label="Company size")
    logo_file = forms.FileField(
        required=False, label="Logo", help_text="PNG, JPEG, WebP or SVG, at most 512 KB."
    )

    class Meta:
        model = Organization
        fields = ["name", "industry", "region", "size", "brand_color", "peer_opt_in"]
        labels = {
            "brand_color": "Brand colour",
            "peer_opt_in": "Include our completed assessments in anonymous peer benchmarks",
        }
        widgets = {"brand_color": forms.TextInput(attrs={"type": "color"})}

    def clean_logo_file(self) -> Any:
        upload = self.cleaned_data.get("logo_file")
        if upload is None:
            return None
        if upload.size > LOGO_LIMIT:
            raise forms.ValidationError("The logo is larger than 512 KB.")
        if upload.content_type not in LOGO_TYPES:
            raise forms.ValidationError("Use a PNG, JPEG, WebP or SVG image.")
        return upload

    def save(self, commit: bool = True) -> Organization:
        organization: Organization = super().save(commit=False)
        upload = self.cleaned_data.get("logo_file")
        if upload is not None:
            organization.logo = upload.read()
            organization.logo_type = upload.content_type
        if commit:
            organization.save()
        return organization


class MemberForm(forms.Form):
    email = forms.EmailField(label="E-mail")
    role = forms.ChoiceField(choices=Role.choices, initial=Role.VIEWER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
