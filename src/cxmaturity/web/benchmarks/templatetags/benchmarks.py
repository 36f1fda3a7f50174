"""`{% peer_comparison %}`: the live peer section of a result page, one line in its template."""

from __future__ import annotations

from typing import Any

from django import template

from ...assessments import registry
from ..section import peer_section

register = template.Library()


@register.inclusion_tag("benchmarks/_peers.html", takes_context=True)
def peer_comparison(context: template.Context, assessment: Any) -> dict[str, Any]:
    """The section for a finished assessment, with the group picked in `?peers=`."""
    request = context.get("request")
    choice = request.GET.get("peers") if request is not None else None
    model = registry.model_for(assessment.model_version)
    return {
        "peers": peer_section(assessment.result or {}, model, choice),
        "peers_suffix": "",
        "spec_id": "spec-peer_distribution",
    }
