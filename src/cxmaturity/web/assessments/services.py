"""What the views do to assessments: save answers, score, finish. No HTTP in here.

Every save is one upsert keyed by (assessment, question, item): the same post
arriving twice (a retry, a double click) leaves the same row, and a save the page
reports as done is committed before the response leaves.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from cxmaturity.core.scoring import Context, InvalidAnswersError, Result

from . import registry
from .models import Answer, Assessment
from .questionnaire import Posted, jsonable


def context_of(assessment: Assessment) -> Context:
    return Context(assessment.industry, assessment.region or None, assessment.size or None)


def save(assessment: Assessment, posted: Iterable[Posted]) -> int:
    """Store checked answers (all or none); a value of None with no note removes the answer."""
    keep: list[Answer] = []
    drop: list[tuple[str, str]] = []
    now = timezone.now()
    for p in posted:
        if p.problems:
            raise ValueError("refusing to save answers with problems")
        if p.value is None and not p.note:
            drop.append((p.question, p.item))
        else:
            keep.append(
                Answer(
                    assessment=assessment,
                    question=p.question,
                    item=p.item,
                    value=p.value,
                    note=p.note,
                    updated_at=now,
                )
            )
    with transaction.atomic():
        if keep:
            Answer.objects.bulk_create(
                keep,
                update_conflicts=True,
                unique_fields=["assessment", "question", "item"],
                update_fields=["value", "note", "updated_at"],
            )
        for question, item in drop:
            Answer.objects.filter(assessment=assessment, question=question, item=item).delete()
        if assessment.completed:
            _store_result(assessment)
    return len(keep) + len(drop)


def answers_document(assessment: Assessment) -> dict[str, Any]:
    """The assessment's answers in the format `cxm score` reads (JSON/YAML answers file)."""
    answers: dict[str, Any] = {}
    notes: dict[str, str] = {}
    for answer in assessment.answers.all():
        key = f"{answer.question}.{answer.item}" if answer.item else answer.question
        if answer.note:
            notes[key] = answer.note
        if answer.value is None:
            continue
        if answer.item:
            answers.setdefault(answer.question, {})[answer.item] = answer.value
        else:
            answers[answer.question] = answer.value
    document: dict[str, Any] = {
        "model": assessment.model_version.model_id,
        "respondent": str(assessment.id),
        **assessment.context(),
        "answers": answers,
    }
    if notes:
        document["notes"] = notes
    return document


def score(assessment: Assessment) -> Result:
    """Score the stored answers exactly as `cxm score` would score them from a file."""
    return _scored(assessment)[1]


def _scored(assessment: Assessment) -> tuple[dict[str, Any], Result]:
    document = answers_document(assessment)
    document.pop("notes", None)
    result = registry.scorer_for(assessment.model_version).score_raw(document, explain=True)
    return document["answers"], result


def finish(assessment: Assessment) -> None:
    """Mark complete and keep the result; finishing again (a double submit) only rescores."""
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if not locked.completed:
            locked.status = Assessment.Status.COMPLETED
            locked.completed_at = timezone.now()
        _store_result(locked)
    assessment.refresh_from_db()


def _store_result(assessment: Assessment) -> None:
    answers, result = _scored(assessment)
    assessment.result = result.to_dict()
    assessment.answers_document = answers
    assessment.save(
        update_fields=["status", "completed_at", "result", "answers_document", "updated_at"]
    )


def store_document(assessment: Assessment, answers: dict[str, Any]) -> int:
    """Store a whole answers mapping (as in an answers file), checked first; all or nothing."""
    reader = registry.scorer_for(assessment.model_version).reader
    checked, problems = reader.read(answers, context_of(assessment))
    if problems:
        raise InvalidAnswersError(problems)
    rows = []
    for question, value in checked.values.items():
        if isinstance(value, dict):
            rows += [
                Posted(question, item, jsonable(item_value), "")
                for item, item_value in value.items()
            ]
        else:
            rows.append(Posted(question, "", jsonable(value), ""))
    return save(assessment, rows)
