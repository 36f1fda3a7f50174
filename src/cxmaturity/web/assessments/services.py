"""What the views do to assessments: save answers, score, finish. No HTTP in here.

Every save is one upsert keyed by (assessment, question, item): the same post
arriving twice (a retry, a double click) leaves the same row, and a save the page
reports as done is committed before the response leaves.

An autosave while the assessment is open (the common case, on every change a
respondent makes) is one statement: `save_while_open` writes only if, at that moment,
the assessment is still in progress and its campaign (if any) still open; what the
answer was checked against (model version, industry, region, size) comes from a
per-process memo (`save_target`), because it never changes once the assessment exists,
and the statement checks that too. Anything else takes the long way: `for_saving`,
then `save`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.utils import timezone

from cxmaturity.core.scoring import Context, InvalidAnswersError, Result

from . import registry
from .models import CAMPAIGN_CLOSED, Answer, Assessment, ModelVersion
from .questionnaire import Posted, jsonable


def context_of(assessment: Assessment) -> Context:
    return Context(assessment.industry, assessment.region or None, assessment.size or None)


@dataclass(frozen=True, slots=True)
class SaveTarget:
    """What a save checks an answer against: facts of an assessment that never change
    (a respondent's assessment is made with the respondent, in its campaign for good)."""

    assessment_key: Any  # the assessment's id as the database takes it, prepared once
    model_version: ModelVersion
    industry: str
    region: str
    size: str
    campaign_id: int | None

    @property
    def context(self) -> Context:
        return Context(self.industry, self.region or None, self.size or None)


_TARGETS_LIMIT = 50_000  # resume tokens remembered per process; all forgotten when full
_targets: dict[str, SaveTarget] = {}


def save_target(token: str) -> SaveTarget | None:
    """The save target behind a resume token (None: no such assessment), read from the
    database once per process and token."""
    found = _targets.get(token)
    if found is None:
        looked_up = _lookup(token)
        if looked_up is None:
            return None
        assessment, campaign_id, _ = looked_up
        if len(_targets) >= _TARGETS_LIMIT:
            _targets.clear()
        found = _targets[token] = SaveTarget(
            _fields(Answer, "assessment")[0].get_db_prep_save(assessment.pk, connection),
            assessment.model_version,
            assessment.industry,
            assessment.region,
            assessment.size,
            campaign_id,
        )
    return found


def forget(token: str) -> None:
    """Drop a remembered target (the one-statement save refused it)."""
    _targets.pop(token, None)


def save_while_open(target: SaveTarget, answer: Posted) -> bool:
    """Upsert one checked answer in one statement (autocommit: a transaction of its own)
    if the assessment is still in progress, in no closed campaign, and still as `target`
    says. False: nothing was written, and the caller takes the long way."""
    if answer.problems:
        raise ValueError("refusing to save an answer with problems")
    if answer.value is None and not answer.note:
        return False  # a removal: rare, and done by `save`
    db = connections[DEFAULT_DB_ALIAS]  # one look-up of the thread's connection, not six
    in_campaign = target.campaign_id is not None
    fields, sql = _open_upsert_statement(db.vendor, in_campaign)
    key = target.assessment_key
    params = [
        key,
        answer.question,
        answer.item,
        fields[3].get_db_prep_save(answer.value, db),  # JSON
        answer.note,
        fields[5].get_db_prep_save(timezone.now(), db),
        key,
        target.model_version.pk,
        target.industry,
        target.region,
        target.size,
    ]
    if in_campaign:
        params.append(target.campaign_id)
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        return bool(cursor.rowcount)


@cache
def _open_upsert_statement(
    vendor: str, in_campaign: bool
) -> tuple[list[models.Field[Any, Any]], str]:
    """`save_while_open`'s fields and SQL, built once per database vendor (quoting differs).

    The conditions read one row by primary key each (the assessment, and its campaign
    when it has one) rather than joining: PostgreSQL plans every statement it is sent,
    and planning a three-table join cost more than the write itself (bench/web).
    """
    from ..campaigns.models import Campaign

    q = connection.ops.quote_name
    fields = _fields(Answer, "assessment", "question", "item", "value", "note", "updated_at")
    a = {f.name: q(f.column) for f in Assessment._meta.concrete_fields}
    key = ", ".join(q(f.column) for f in fields[:3])
    changed = ", ".join(f"{q(f.column)} = excluded.{q(f.column)}" for f in fields[3:])
    campaign = (
        f" AND EXISTS (SELECT 1 FROM {q(Campaign._meta.db_table)} c"
        f" WHERE c.{q('id')} = %s AND c.{q('status')} = '{Campaign.Status.OPEN.value}')"
        if in_campaign
        else ""
    )
    sql = (
        f"INSERT INTO {q(Answer._meta.db_table)} ({', '.join(q(f.column) for f in fields)})"
        f" SELECT {', '.join(['%s'] * len(fields))}"
        f" WHERE EXISTS (SELECT 1 FROM {q(Assessment._meta.db_table)} a"
        f" WHERE a.{a['id']} = %s AND a.{a['status']} = '{Assessment.Status.IN_PROGRESS.value}'"
        f" AND a.{a['model_version']} = %s"
        f" AND a.{a['industry']} = %s AND a.{a['region']} = %s AND a.{a['size']} = %s)"
        f"{campaign}"
        f" ON CONFLICT ({key}) DO UPDATE SET {changed}"
    )
    return fields, sql


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
    from ..campaigns.models import Campaign

    looked_up = _lookup(token)
    if looked_up is None:
        return None
    assessment, _, status = looked_up
    closed = status is not None and status != Campaign.Status.OPEN
    return assessment, CAMPAIGN_CLOSED if closed else None


def _lookup(token: str) -> tuple[Assessment, int | None, str | None] | None:
    """The assessment behind a resume token, its campaign's id and status (or None)."""
    fields, sql = _lookup_statement(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [token])
        row = cursor.fetchone()
    if row is None:
        return None
    *columns, campaign_id, status = row
    values = [f.to_python(v) for f, v in zip(fields, columns, strict=True)]
    assessment = Assessment.from_db(connection.alias, [f.attname for f in fields], values)
    assessment.model_version = registry.version(assessment.model_version_id)
    return assessment, campaign_id, status


@cache
def _lookup_statement(vendor: str) -> tuple[list[models.Field[Any, Any]], str]:
    """`for_saving`'s columns and SQL, built once per database vendor (the quoting differs)."""
    from ..campaigns.models import Campaign, Respondent

    q = connection.ops.quote_name
    fields = [f for f in Assessment._meta.concrete_fields if f.name in _SAVE_FIELDS]
    of_assessment, of_campaign = _fields(Respondent, "assessment", "campaign")
    (token_field,) = _fields(Assessment, "resume_token")
    sql = (
        f"SELECT {', '.join('a.' + q(f.column) for f in fields)}, c.{q('id')}, c.{q('status')}"
        f" FROM {q(Assessment._meta.db_table)} a"
        f" LEFT JOIN {q(Respondent._meta.db_table)} r"
        f" ON r.{q(of_assessment.column)} = a.{q('id')}"
        f" LEFT JOIN {q(Campaign._meta.db_table)} c ON c.{q('id')} = r.{q(of_campaign.column)}"
        f" WHERE a.{q(token_field.column)} = %s"
    )
    return fields, sql


def save(assessment: Assessment, posted: Iterable[Posted]) -> int:
    """Store checked answers (all or none); a value of None with no note removes the answer."""
    posted = list(posted)
    if any(p.problems for p in posted):
        raise ValueError("refusing to save answers with problems")
    now = timezone.now()
    keep = [p for p in posted if p.value is not None or p.note]
    drop = [(p.question, p.item) for p in posted if p.value is None and not p.note]
    with transaction.atomic():
        if keep:
            Answer.objects.bulk_create(
                [
                    Answer(
                        assessment=assessment,
                        question=p.question,
                        item=p.item,
                        value=p.value,
                        note=p.note,
                        updated_at=now,
                    )
                    for p in keep
                ],
                update_conflicts=True,
                unique_fields=["assessment", "question", "item"],
                update_fields=["value", "note", "updated_at"],
            )
        for question, item in drop:
            Answer.objects.filter(assessment=assessment, question=question, item=item).delete()
        if assessment.completed:
            _store_result(assessment)
    return len(keep) + len(drop)


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
