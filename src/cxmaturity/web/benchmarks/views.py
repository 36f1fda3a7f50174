"""The organization's benchmark page: its latest results against live peers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..assessments import registry
from ..assessments.models import ModelVersion
from ..organizations.models import Membership
from ..organizations.scoping import member_view
from .section import peer_section
from .store import latest_results


@member_view("view_results")
@require_GET
def organization(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Per model, the result that counts for the organization, compared with the chosen peers."""
    org = membership.organization
    choice = request.GET.get("peers")
    sections = []
    for (_, model_id), candidate in sorted(latest_results([org.pk]).items()):
        record = ModelVersion.objects.filter(
            model_id=model_id, version=candidate.model_version
        ).first()
        if record is None:
            continue
        model = registry.model_for(record)
        result = {
            "model": {"id": model_id, "version": candidate.model_version},
            "industry": candidate.industry,
            "region": candidate.region or None,
            "size": candidate.size or None,
            "overall": {"score": candidate.scores.get("overall")},
            "dimensions": [
                {
                    "id": d.id,
                    "label": registry.text(model, d.label),
                    "score": candidate.scores[d.id],
                }
                for d in model.dimensions
                if d.id in candidate.scores
            ],
        }
        sections.append(
            {
                "title": registry.text(model, model.title),
                "source": candidate.source,
                "when": candidate.when,
                "suffix": f"-{model_id}",
                "spec_id": f"spec-peer_distribution-{model_id}",
                "peers": peer_section(result, model, choice),
            }
        )
    return render(
        request,
        "benchmarks/organization.html",
        {"organization": org, "membership": membership, "sections": sections},
    )
