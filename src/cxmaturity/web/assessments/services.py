"""What the views do to assessments: save answers, score, finish. No HTTP in here.

Every save is one upsert keyed by (assessment, question, item): the same post
arriving twice (a retry, a double click) leaves the same row, and a save the page
reports as done is committed before the response leaves.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from cxmaturity.core.scoring import Context, InvalidAnswersError, Result

from . import registry
from .models import CAMPAIGN_CLOSED, Answer, Assessment
from .questionnaire import Posted, jsonable


def context_of(assessment: Assessment) -> Context:
    return Context(assessment.industry, assessment.region or None, assessment.size or None)


# The columns a save reads; every other field stays deferred (loaded only if touched).
_SAVE_FIELDS = ("id", "model_version", "resume_token", "industry", "region", "size", "status")


def for_saving(token: str) -> tuple[Assessment, str | None] | None:
    """The assessment a save writes to, and why it may not change (or None); None if no
    assessment has this resume token.

    Saving runs on every change a respondent makes, so its lookup is one indexed SELECT
    of the few columns a save reads, with the campaign's status joined in, written in
    SQL: the ORM's `select_related` get of the same row costs about 2,700 Python calls
    to build and load (half the save), this about 150 (bench/web, issue 3). The model
    version comes from the per-process registry, so the model's source is not read.
    """
    from ..campaigns.models import Campaign, Respondent

    q = connection.ops.quote_name
    fields = [f for f in Assessment._meta.concrete_fields if f.name in _SAVE_FIELDS]
    of_assessment, of_campaign = _fields(Respondent, "assessment", "campaign")
    (token_field,) = _fields(Assessment, "resume_token")
    sql = (
        f"SELECT {', '.join('a.' + q(f.column) for f in fields)}, c.{q('status')}"
        f" FROM {q(Assessment._meta.db_table)} a"
        f" LEFT JOIN {q(Respondent._meta.db_table)} r"
        f" ON r.{q(of_assessment.column)} = a.{q('id')}"
        f" LEFT JOIN {q(Campaign._meta.db_table)} c ON c.{q('id')} = r.{q(of_campaign.column)}"
        f" WHERE a.{q(token_field.column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [token])
        row = cursor.fetchone()
    if row is None:
        return None
    values = [f.to_python(v) for f, v in zip(fields, row, strict=False)]
    assessment = Assessment.from_db(connection.alias, [f.attname for f in fields], values)
    assessment.model_version = registry.version(assessment.model_version_id)
    closed = row[-1] is not None and row[-1] != Campaign.Status.OPEN
    return assessment, CAMPAIGN_CLOSED if closed else None


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
        if len(keep) == 1 and not drop:
            _upsert(keep[0])  # what a page's autosave sends: one answer
        elif keep:
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


def _upsert(answer: Answer) -> None:
    """The statement `bulk_create(update_conflicts=True)` sends for one row, without the
    ORM's work of building it (about 500 Python calls of a save's budget); SQLite and
    PostgreSQL both take this INSERT ... ON CONFLICT DO UPDATE."""
    q = connection.ops.quote_name
    fields = _fields(Answer, "assessment", "question", "item", "value", "note", "updated_at")
    key = ", ".join(q(f.column) for f in fields[:3])
    changed = ", ".join(f"{q(f.column)} = excluded.{q(f.column)}" for f in fields[3:])
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {q(Answer._meta.db_table)} ({', '.join(q(f.column) for f in fields)})"
            f" VALUES ({', '.join(['%s'] * len(fields))})"
            f" ON CONFLICT ({key}) DO UPDATE SET {changed}",
            [f.get_db_prep_save(getattr(answer, f.attname), connection) for f in fields],
        )


def _fields(model: type[models.Model], *names: str) -> list[models.Field[Any, Any]]:
    """Concrete fields by name, in the order asked."""
    by_name = {f.name: f for f in model._meta.concrete_fields}
    return [by_name[n] for n in names]


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
