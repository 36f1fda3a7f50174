"""Check a respondent's answers against a model and turn them into typed values.

Answers arrive as YAML/JSON mappings or as spreadsheet rows of strings; both go
through here, so a typo in a CSV cell and one in a JSON file get the same message.
Scoring then trusts what this module hands it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import (
    Facet,
    Matrix,
    MaturityModel,
    MultiChoice,
    Number,
    Question,
    Scale,
    SingleChoice,
    YesNo,
)

DONT_KNOW = "dont_know"
NOT_APPLICABLE = "not_applicable"
EXCLUDED = frozenset({DONT_KNOW, NOT_APPLICABLE})
CONTEXT_COLUMNS = ("respondent", "industry", "region", "size")
MULTI_SEPARATOR = "|"
COLUMN_MEMO_LIMIT = 10_000  # column names remembered by read_row; a sheet has a few hundred
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}

Value = Any  # str | int | float | bool | frozenset[str] | dict[str, dict[str, Any] | str]


@dataclass(frozen=True, slots=True)
class AnswerProblem:
    """What is wrong with one answer; `field` is a question id or question.item.facet."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class InvalidAnswersError(ValueError):
    """Answers that cannot be scored; `problems` lists every reason."""

    def __init__(self, problems: list[AnswerProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Context:
    """Who answered, as far as scoring cares: it selects catalogs, benchmarks and narratives."""

    industry: str = "other"
    region: str | None = None
    size: str | None = None


@dataclass(frozen=True, slots=True)
class Answers:
    """A respondent's checked answers, by question id, with optional notes."""

    values: Mapping[str, Value]
    context: Context = Context()
    notes: Mapping[str, str] = field(default_factory=dict)


class AnswerReader:
    """Parses answers for one model; build once, use for every respondent."""

    def __init__(self, model: MaturityModel) -> None:
        self.model = model
        self.questions: dict[str, Question] = {
            q.id: q for d in model.dimensions for q in d.questions
        }
        self.industries = {i.id for i in model.industries} | {"other"}
        self.regions = {r.id for r in model.regions}
        self._items = {industry: items_for(model, industry) for industry in self.industries}
        self._parsers: dict[str, Callable[[Any, str, list[AnswerProblem]], Value]] = {
            qid: self._parser(q) for qid, q in self.questions.items()
        }
        # Option ids of single-choice questions: an answer that is exactly one of them is
        # valid as it stands (an option id is never dont_know or not_applicable).
        self._options: dict[str, frozenset[str]] = {
            q.id: frozenset(o.id for o in q.options)
            for q in self.questions.values()
            if isinstance(q, SingleChoice)
        }
        self._columns: dict[str, tuple[str, str, str] | None] = {}

    def context(self, raw: Mapping[str, Any], problems: list[AnswerProblem]) -> Context:
        """Industry, region and size from a mapping; unknown ones are problems."""
        industry = _clean(raw.get("industry")) or "other"
        if industry not in self.industries:
            problems.append(
                AnswerProblem(
                    "industry",
                    f"unknown industry '{industry}'; use one of {', '.join(sorted(self.industries))}",
                )
            )
            industry = "other"
        region = _clean(raw.get("region"))
        if region is not None and self.regions and region not in self.regions:
            problems.append(
                AnswerProblem(
                    "region",
                    f"unknown region '{region}'; use one of {', '.join(sorted(self.regions))}",
                )
            )
            region = None
        return Context(industry, region, _clean(raw.get("size")))

    def read(self, raw: Mapping[str, Any], context: Context) -> tuple[Answers, list[AnswerProblem]]:
        """Check a mapping of question id to answer (matrix answers nested by item and facet)."""
        problems: list[AnswerProblem] = []
        values: dict[str, Value] = {}
        options = self._options
        for qid, answer in raw.items():
            if answer.__class__ is str and answer in options.get(qid, ()):
                values[qid] = answer  # the common case, a valid choice, needs no parsing
                continue
            parse = self._parsers.get(str(qid))
            if parse is None:
                problems.append(
                    AnswerProblem(str(qid), _unknown("question", str(qid), self.questions))
                )
                continue
            if answer is None or answer == "":
                continue
            question = self.questions[str(qid)]
            if isinstance(answer, str) and answer.strip().lower() in EXCLUDED:
                token = answer.strip().lower()
                if _allowed(question, token):
                    values[str(qid)] = token
                else:
                    problems.append(
                        AnswerProblem(str(qid), f"'{token}' is not allowed for this question")
                    )
                continue
            value = parse(answer, context.industry, problems)
            if value is not None:
                values[str(qid)] = value
        return Answers(values, context), problems

    def read_row(self, row: Mapping[str, str]) -> tuple[Answers, list[AnswerProblem]]:
        """Check one spreadsheet row: question ids as columns, matrix cells as question.item.facet."""
        problems: list[AnswerProblem] = []
        context = self.context(row, problems)
        nested: dict[str, Any] = {}
        for column, cell in row.items():
            # Most cells of a sheet are empty (other industries' use cases): skip them first.
            if cell is None or cell == "" or column in CONTEXT_COLUMNS or not str(cell).strip():
                continue
            matrix_cell = self._matrix_column(column)
            if matrix_cell is not None:
                qid, item, facet = matrix_cell
                cells = nested.setdefault(qid, {})
                if facet:
                    entry = cells.setdefault(item, {})
                    if isinstance(entry, dict):
                        entry[facet] = cell
                else:
                    cells[item] = cell
            else:
                nested[column] = cell
        answers, more = self.read(nested, context)
        return answers, problems + more

    def _matrix_column(self, column: str) -> tuple[str, str, str] | None:
        """(question, item, facet) of a matrix cell's column, None for any other column.

        Remembered per column name: a sheet repeats the same header on every row.
        """
        try:
            return self._columns[column]
        except KeyError:
            pass
        qid, _, rest = column.partition(".")
        found = None
        if rest and isinstance(self.questions.get(qid), Matrix):
            item, _, facet = rest.partition(".")
            found = (qid, item, facet)
        if len(self._columns) < COLUMN_MEMO_LIMIT:
            self._columns[column] = found
        return found

    def _parser(self, q: Question) -> Callable[[Any, str, list[AnswerProblem]], Value]:
        if isinstance(q, SingleChoice):
            return _choice(q.id, {o.id for o in q.options})
        if isinstance(q, MultiChoice):
            return _multi(q.id, {o.id for o in q.options})
        if isinstance(q, Scale):
            return _scale(q)
        if isinstance(q, Number):
            return _number(q)
        if isinstance(q, YesNo):
            return _yesno(q.id)
        return self._matrix(q)

    def _matrix(self, q: Matrix) -> Callable[[Any, str, list[AnswerProblem]], Value]:
        facets = {f.id: f for f in q.facets}
        quick = _QuickFacets(q.facets)

        def parse(answer: Any, industry: str, problems: list[AnswerProblem]) -> Value:
            if not isinstance(answer, Mapping):
                problems.append(
                    AnswerProblem(q.id, "expected a mapping of item id to facet answers")
                )
                return None
            items = self._items[industry].get(q.catalog, {})
            out: dict[str, Any] = {}
            for item_id, item_answer in answer.items():
                if item_id not in items:
                    problems.append(
                        AnswerProblem(
                            f"{q.id}.{item_id}",
                            _unknown(f"item for industry '{industry}'", str(item_id), items),
                        )
                    )
                elif item_answer.__class__ is dict or isinstance(item_answer, Mapping):
                    checked = quick.read(item_answer)
                    if checked is None:  # something to report: the full check says what
                        checked = _facets(f"{q.id}.{item_id}", item_answer, facets, problems)
                    out[str(item_id)] = checked
                elif isinstance(item_answer, str) and item_answer.strip().lower() in EXCLUDED:
                    out[str(item_id)] = item_answer.strip().lower()
                else:
                    problems.append(
                        AnswerProblem(
                            f"{q.id}.{item_id}",
                            "expected facet answers or dont_know / not_applicable",
                        )
                    )
            return out

        return parse


class _QuickFacets:
    """Checks an item's facet answers when all is well, without building any message.

    `read` gives what `_facets` would give for valid answers, and None for anything else,
    which `_facets` then checks in full, problems and all. Most answers are valid, and
    this is the innermost loop of reading a sheet.
    """

    __slots__ = ("applies", "multiple", "options")

    def __init__(self, facets: list[Facet]) -> None:
        self.options = {f.id: frozenset(o.id for o in f.options) for f in facets}
        self.multiple = frozenset(f.id for f in facets if f.multiple)
        self.applies = {f.id: tuple(f.applies_when.items()) for f in facets if f.applies_when}

    def read(self, answer: Mapping[Any, Any]) -> dict[str, Any] | None:
        out: dict[str, Any] = {}
        for facet_id, value in answer.items():
            options = self.options.get(facet_id)
            if options is None:
                return None
            if value is None or value == "" or value == []:
                continue
            if facet_id in self.multiple:
                chosen = _quick_multi(value, options)
                if chosen is None:
                    return None
                out[facet_id] = chosen
            elif value.__class__ is str and value in options:
                out[facet_id] = value
            else:
                return None
        for facet_id in out:
            for other, wanted in self.applies.get(facet_id, ()):
                if out.get(other) not in wanted:
                    return None
        return out


def _quick_multi(value: Any, options: frozenset[str]) -> frozenset[str] | None:
    """What `_multi` gives for a valid answer; None when it would report a problem."""
    if value.__class__ is str:
        chosen = [c for part in value.split(MULTI_SEPARATOR) if (c := part.strip())]
    elif isinstance(value, list | tuple | set | frozenset):
        chosen = [c for part in value if (c := str(part).strip())]
    else:
        return None
    if len(chosen) == 1 and chosen[0] == "none" and "none" not in options:
        return frozenset()
    picked = frozenset(chosen)
    return picked if picked <= options else None


def _facets(
    where: str, answer: Mapping[Any, Any], facets: Mapping[str, Any], problems: list[AnswerProblem]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    broken: set[str] = set()
    for facet_id, value in answer.items():
        facet = facets.get(str(facet_id))
        if facet is None:
            problems.append(
                AnswerProblem(f"{where}.{facet_id}", _unknown("facet", str(facet_id), facets))
            )
            continue
        if value is None or value == "" or value == []:
            continue
        options = {o.id for o in facet.options}
        parse = _multi if facet.multiple else _choice
        parsed = parse(f"{where}.{facet_id}", options)(value, "", problems)
        if parsed is None:
            broken.add(facet.id)
        else:
            out[facet.id] = parsed
    for facet_id in list(out):
        facet = facets[facet_id]
        for other, wanted in facet.applies_when.items():
            if other not in broken and out.get(other) not in wanted:
                problems.append(
                    AnswerProblem(
                        f"{where}.{facet_id}",
                        f"'{facet_id}' is only answered when '{other}' is {' or '.join(wanted)}",
                    )
                )
                del out[facet_id]
                break
    return out


def _choice(qid: str, options: set[str]) -> Callable[[Any, str, list[AnswerProblem]], Value]:
    def parse(answer: Any, _industry: str, problems: list[AnswerProblem]) -> Value:
        value = str(answer).strip()
        if value in options:
            return value
        problems.append(AnswerProblem(qid, _unknown("option", value, options)))
        return None

    return parse


def _multi(qid: str, options: set[str]) -> Callable[[Any, str, list[AnswerProblem]], Value]:
    def parse(answer: Any, _industry: str, problems: list[AnswerProblem]) -> Value:
        if isinstance(answer, str):
            chosen = [part.strip() for part in answer.split(MULTI_SEPARATOR)]
        elif isinstance(answer, list | tuple | set | frozenset):
            chosen = [str(part).strip() for part in answer]
        else:
            problems.append(AnswerProblem(qid, f"expected a list of options, got {answer!r}"))
            return None
        chosen = [c for c in chosen if c]
        if "none" in chosen and "none" not in options and len(chosen) == 1:
            return frozenset()
        bad = [c for c in chosen if c not in options]
        for c in bad:
            problems.append(AnswerProblem(qid, _unknown("option", c, options)))
        return None if bad else frozenset(chosen)

    return parse


def _scale(q: Scale) -> Callable[[Any, str, list[AnswerProblem]], Value]:
    def parse(answer: Any, _industry: str, problems: list[AnswerProblem]) -> Value:
        number = _to_number(answer)
        if number is None or number != int(number) or not q.min <= number <= q.max:
            problems.append(
                AnswerProblem(
                    q.id, f"expected a whole number from {q.min} to {q.max}, got {answer!r}"
                )
            )
            return None
        return int(number)

    return parse


def _number(q: Number) -> Callable[[Any, str, list[AnswerProblem]], Value]:
    def parse(answer: Any, _industry: str, problems: list[AnswerProblem]) -> Value:
        number = _to_number(answer)
        if number is None:
            problems.append(AnswerProblem(q.id, f"expected a number, got {answer!r}"))
            return None
        low = -math.inf if q.min is None else q.min
        high = math.inf if q.max is None else q.max
        if not low <= number <= high:
            problems.append(
                AnswerProblem(q.id, f"{number:g} is outside the allowed range {low:g} to {high:g}")
            )
            return None
        return number

    return parse


def _yesno(qid: str) -> Callable[[Any, str, list[AnswerProblem]], Value]:
    def parse(answer: Any, _industry: str, problems: list[AnswerProblem]) -> Value:
        if isinstance(answer, bool):
            return answer
        word = str(answer).strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        problems.append(AnswerProblem(qid, f"expected yes or no, got {answer!r}"))
        return None

    return parse


def _to_number(answer: Any) -> float | None:
    if isinstance(answer, bool):
        return None
    try:
        number = (
            float(str(answer).strip().replace(",", "."))
            if isinstance(answer, str)
            else float(answer)
        )
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _allowed(question: Question, token: str) -> bool:
    return question.allow_dont_know if token == DONT_KNOW else question.allow_not_applicable


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _unknown(what: str, value: str, known: Mapping[str, Any] | set[str]) -> str:
    names = sorted(known)
    shown = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
    return f"unknown {what} '{value}'; expected one of: {shown}"


def items_for(model: MaturityModel, industry: str) -> dict[str, dict[str, Any]]:
    """Per catalog, the items that apply to an industry (an item with no industries applies to all)."""
    return {
        catalog.id: {
            item.id: item
            for item in catalog.items
            if not item.industries or industry in item.industries
        }
        for catalog in model.catalogs
    }
