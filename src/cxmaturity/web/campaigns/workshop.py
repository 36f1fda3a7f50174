"""The consensus workshop: walk through the questions people disagree on and record what
the team agrees, with the reason. Recording never edits a respondent's answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cxmaturity.core.aggregation import CampaignAggregate
from cxmaturity.core.model import Matrix, MaturityModel, Question

from ..assessments import registry
from ..assessments.questionnaire import matrix_items


@dataclass(frozen=True)
class Topic:
    """A question (or one use case of a matrix) to settle: what the agreement is about."""

    key: str
    question: Question
    item: str

    @property
    def label_key(self) -> tuple[str, str]:
        return (self.question.id, self.item)


def topics(model: MaturityModel, aggregate: CampaignAggregate) -> list[Topic]:
    """Flagged questions first (in model order), by the key agreements are stored under."""
    questions = {q.id: q for d in model.dimensions for q in d.questions}
    seen: dict[str, Topic] = {}
    for summary in aggregate.questions:
        if not summary.flagged:
            continue
        item = summary.item or ""
        key = f"{summary.question}.{item}" if item else summary.question
        seen.setdefault(key, Topic(key, questions[summary.question], item))
    return list(seen.values())


def topic_for(model: MaturityModel, industry: str, key: str) -> Topic | None:
    """The topic behind a posted key, or None if the model (for this industry) has none."""
    question_id, _, item = key.partition(".")
    question = next((q for d in model.dimensions for q in d.questions if q.id == question_id), None)
    if question is None:
        return None
    if isinstance(question, Matrix):
        if item not in {i.id for i in matrix_items(model, question, industry)}:
            return None
    elif item:
        return None
    return Topic(key, question, item)


def figures(
    model: MaturityModel, aggregate: CampaignAggregate, topic: Topic
) -> list[dict[str, Any]]:
    """The spread of answers behind a topic (one row per question or facet), in words."""
    facets = {f.id: f for f in getattr(topic.question, "facets", [])}
    out = []
    for summary in aggregate.questions:
        if summary.question != topic.question.id or (summary.item or "") != topic.item:
            continue
        facet = facets.get(summary.facet or "")
        options = facet.options if facet else getattr(topic.question, "options", [])
        words = {o.id: registry.text(model, o.label) for o in options}
        out.append(
            {
                "facet": registry.text(model, facet.label) if facet else "",
                "answered": summary.answered,
                "excluded": summary.excluded,
                "distribution": {words.get(k, k): n for k, n in summary.distribution.items()},
                "agreement": summary.agreement.to_dict() if summary.agreement else None,
                "flagged": summary.flagged,
                "sides": summary.sides.to_dict() if summary.sides else None,
            }
        )
    return out


def label(model: MaturityModel, topic: Topic) -> str:
    """The question's words, and for a matrix the use case's name after them."""
    text = registry.text(model, topic.question.label)
    for catalog in model.catalogs:
        for candidate in catalog.items:
            if topic.item and candidate.id == topic.item:
                return f"{text}: {registry.text(model, candidate.label)}"
    return text
