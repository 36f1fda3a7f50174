"""Check a respondent's answers against a model and turn them into typed values.

Answers arrive as YAML/JSON mappings or as spreadsheet rows of strings; both go
through here, so a typo in a CSV cell and one in a JSON file get the same message.
Scoring then trusts what this module hands it.

While checking a use-case matrix, the reader visits every item and facet anyway, so it
also records the answer as one number per catalog item (see _codes), which scoring sums
far faster than it walks the nested answer.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter
from typing import Any, cast

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
from ._codes import (
    DONT_KNOW_CODE,
    NO_ANSWER_CODE,
    NOT_APPLICABLE_CODE,
    MatrixCodes,
    MatrixCoding,
    scored_facets,
)

DONT_KNOW = "dont_know"
NOT_APPLICABLE = "not_applicable"
EXCLUDED = frozenset({DONT_KNOW, NOT_APPLICABLE})
CONTEXT_COLUMNS = ("respondent", "industry", "region", "size")
MULTI_SEPARATOR = "|"
COLUMN_MEMO_LIMIT = 10_000  # column names remembered by read_row; a sheet has a few hundred
SHEET_MEMO_LIMIT = 8  # sheet readers kept by header
TEXT_MEMO_LIMIT = 10_000  # distinct texts remembered per matrix facet
ITEM_MEMO_LIMIT = 1_000  # combinations of single-choice facet texts remembered per item
_EXCLUDED_CODES = {DONT_KNOW: DONT_KNOW_CODE, NOT_APPLICABLE: NOT_APPLICABLE_CODE}
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


@dataclass(slots=True)
class Answers:
    """A respondent's checked answers, by question id, with optional notes.

    Immutable by convention, not frozen: one is built per row of a sheet, and a frozen
    dataclass sets each field through object.__setattr__. (Its values make it unhashable
    anyway; Context stays frozen, a hashable value.) Its `codes` stand for the values as
    read: change a matrix answer by building new answers, not in place.
    """

    values: Mapping[str, Value]
    context: Context = Context()
    notes: Mapping[str, str] = field(default_factory=dict)
    # Per matrix question, its answer as the reader numbered it (see MatrixCodes): scoring
    # sums these instead of walking the answer. Answers built by hand have none, and score
    # the same, only slower.
    codes: Mapping[str, MatrixCodes] | None = field(default=None, compare=False, repr=False)


# A question's answer checked (None if it has problems)
Parse = Callable[[Any, str, list[AnswerProblem]], Value]
# A matrix answer checked (None if it is not even a mapping), with its codes if it has them
ReadMatrix = Callable[
    [Any, str, list[AnswerProblem]], tuple[dict[str, Any] | None, MatrixCodes | None]
]


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
        matrices = [q for q in self.questions.values() if isinstance(q, Matrix)]
        # shared with the scorer built on this reader: see MatrixCoding
        self.codings = {q.id: self._coding(q) for q in matrices}
        self._quick = {q.id: _QuickFacets(q.facets) for q in matrices}
        self._matrices = {q.id: self._matrix(q) for q in matrices}
        self._parsers: dict[str, Parse] = {
            qid: self._parser(q) for qid, q in self.questions.items() if not isinstance(q, Matrix)
        }
        # Option ids of single-choice questions: an answer that is exactly one of them is
        # valid as it stands (an option id is never dont_know or not_applicable).
        self._options: dict[str, frozenset[str]] = {
            q.id: frozenset(o.id for o in q.options)
            for q in self.questions.values()
            if isinstance(q, SingleChoice)
        }
        self._columns: dict[str, tuple[str, str, str] | None] = {}
        self._sheets: dict[tuple[str, ...], SheetReader] = {}

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
        codes: dict[str, MatrixCodes] = {}
        options = self._options
        for qid, answer in raw.items():
            if answer.__class__ is str and answer in options.get(qid, ()):
                values[qid] = answer  # the common case, a valid choice, needs no parsing
            else:
                self._read_answer(qid, answer, context.industry, values, problems, codes)
        return Answers(values, context, codes=codes), problems

    def _read_answer(
        self,
        qid: Any,
        answer: Any,
        industry: str,
        values: dict[str, Value],
        problems: list[AnswerProblem],
        codes: dict[str, MatrixCodes] | None = None,
    ) -> None:
        """Check one answer into `values` (a matrix answer's codes into `codes`), or say what
        is wrong with it in `problems`."""
        key = str(qid)
        question = self.questions.get(key)
        if question is None:
            problems.append(AnswerProblem(key, _unknown("question", key, self.questions)))
            return
        if answer is None or answer == "":
            return
        if isinstance(answer, str) and answer.strip().lower() in EXCLUDED:
            token = answer.strip().lower()
            if _allowed(question, token):
                values[key] = token
            else:
                problems.append(AnswerProblem(key, f"'{token}' is not allowed for this question"))
            return
        if isinstance(question, Matrix):
            value, numbered = self._matrices[key](answer, industry, problems)
            if numbered is not None and codes is not None:
                codes[key] = numbered
        else:
            value = self._parsers[key](answer, industry, problems)
        if value is not None:
            values[key] = value

    def read_row(self, row: Mapping[str, str]) -> tuple[Answers, list[AnswerProblem]]:
        """Check one spreadsheet row: question ids as columns, matrix cells as question.item.facet."""
        problems: list[AnswerProblem] = []
        context = self.context(row, problems)
        filled = [
            ((column, self._matrix_column(column)), cell)
            for column, cell in row.items()
            # most cells of a sheet are empty (other industries' use cases): test that first
            if cell is not None and cell != "" and column not in CONTEXT_COLUMNS
            if str(cell).strip()
        ]
        answers, more = self.read(_nest(filled), context)
        return answers, problems + more

    def sheet(self, header: Sequence[str]) -> SheetReader:
        """A reader for the rows of a sheet with this header (see SheetReader).

        Kept per header: a file read in batches asks again for every batch, and a reader
        remembers what the texts of its columns give.
        """
        key = tuple(header)
        found = self._sheets.get(key)
        if found is None:
            if len(self._sheets) >= SHEET_MEMO_LIMIT:
                self._sheets.clear()
            found = self._sheets[key] = SheetReader(self, header)
        return found

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

    def _parser(self, q: Question) -> Parse:
        if isinstance(q, SingleChoice):
            return _choice(q.id, {o.id for o in q.options})
        if isinstance(q, MultiChoice):
            return _shared(_multi(q.id, {o.id for o in q.options}))
        if isinstance(q, Scale):
            return _scale(q)
        if isinstance(q, Number):
            return _number(q)
        if isinstance(q, YesNo):
            return _yesno(q.id)
        raise TypeError(type(q))

    def _coding(self, q: Matrix) -> MatrixCoding:
        catalogs = {
            industry: tuple(items.get(q.catalog, ())) for industry, items in self._items.items()
        }
        return MatrixCoding(scored_facets(self.model, q), catalogs)

    def _matrix(self, q: Matrix) -> ReadMatrix:
        facets = {f.id: f for f in q.facets}
        quick, coding = self._quick[q.id], self.codings[q.id]
        code = coding.code

        def parse(
            answer: Any, industry: str, problems: list[AnswerProblem]
        ) -> tuple[dict[str, Any] | None, MatrixCodes | None]:
            if not isinstance(answer, Mapping):
                problems.append(
                    AnswerProblem(q.id, "expected a mapping of item id to facet answers")
                )
                return None, None
            items = self._items[industry].get(q.catalog, {})
            at = coding.positions[industry]
            codes: list[int | None] = [NO_ANSWER_CODE] * len(items)
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
                    codes[at[item_id]] = code(checked)
                elif isinstance(item_answer, str) and item_answer.strip().lower() in EXCLUDED:
                    token = out[str(item_id)] = item_answer.strip().lower()
                    codes[at[item_id]] = _EXCLUDED_CODES[token]
                else:
                    problems.append(
                        AnswerProblem(
                            f"{q.id}.{item_id}",
                            "expected facet answers or dont_know / not_applicable",
                        )
                    )
            return out, _encoded(coding, industry, out, codes)

        return parse


class _QuickFacets:
    """Checks an item's facet answers when all is well, without building any message.

    `read` gives what `_facets` would give for valid answers, and None for anything else,
    which `_facets` then checks in full, problems and all. Most answers are valid, and
    this is the innermost loop of reading a sheet.

    What a facet's text gives is remembered: a sheet repeats the same few texts (a
    channel list, say) row after row; so is what a list of option ids gives (JSON).
    """

    __slots__ = ("applies", "lists", "multiple", "options", "texts")

    def __init__(self, facets: list[Facet]) -> None:
        self.options = {f.id: frozenset(o.id for o in f.options) for f in facets}
        self.multiple = frozenset(f.id for f in facets if f.multiple)
        self.applies = {f.id: tuple(f.applies_when.items()) for f in facets if f.applies_when}
        # per facet, text -> the checked answer it gives (None: it needs reporting)
        self.texts: dict[str, dict[str, Any]] = {
            f.id: {} if f.multiple else {o.id: o.id for o in f.options} for f in facets
        }
        # per multiple facet, tuple of option ids (texts only: 1 == True) -> checked answer
        self.lists: dict[str, dict[tuple[str, ...], frozenset[str] | None]] = {
            f.id: {} for f in facets if f.multiple
        }

    def read(self, answer: Mapping[Any, Any]) -> dict[str, Any] | None:
        """The checked facet answers of a mapping, or None if anything needs reporting."""
        out: dict[str, Any] = {}
        for facet_id, value in answer.items():
            options = self.options.get(facet_id)
            if options is None:
                return None
            if value is None or value == "" or value == []:
                continue
            if value.__class__ is str:
                checked = self.text(facet_id, value)
            elif facet_id in self.multiple:
                checked = self.choices(facet_id, value, options)
            else:
                return None
            if checked is None:
                return None
            out[facet_id] = checked
        return out if self.consistent(out) else None

    def choices(self, facet_id: str, value: Any, options: frozenset[str]) -> frozenset[str] | None:
        """What a multiple facet answered with a list (or another collection) gives."""
        if value.__class__ is not list:
            return _quick_multi(value, options)
        key = tuple(value)
        known = self.lists[facet_id]
        try:
            return known[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable element, not to be remembered
            return _quick_multi(value, options)
        checked = _quick_multi(value, options)
        if all(c.__class__ is str for c in key) and len(known) < TEXT_MEMO_LIMIT:
            known[key] = checked
        return checked

    def text(self, facet_id: str, text: str) -> Any:
        """What a facet answered with text gives; None if it needs reporting."""
        known = self.texts[facet_id]
        checked = known.get(text, _MISSING)
        if checked is _MISSING:
            checked = None
            if facet_id in self.multiple:
                checked = _quick_multi(text, self.options[facet_id])
            # blank texts mean different things in a sheet and a mapping: not remembered
            if not text.isspace() and len(known) < TEXT_MEMO_LIMIT:
                known[text] = checked
        return checked

    def consistent(self, out: Mapping[str, Any]) -> bool:
        """Whether every facet answered is asked, given the other answers (applies_when)."""
        for facet_id in out:
            for other, wanted in self.applies.get(facet_id, ()):
                if out.get(other) not in wanted:
                    return False
        return True


_MISSING: Any = object()  # not remembered yet (None: remembered as needing a report)


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


class SheetReader:
    """Checks the rows of one sheet, its header worked out once.

    `read(cells)` gives what `AnswerReader.read_row` gives for the same row as a mapping of
    header to cell, but looks only at the filled cells: in a sheet that lists every
    industry's use cases, most cells of a row are empty.
    """

    def __init__(self, reader: AnswerReader, header: Sequence[str]) -> None:
        self.reader = reader
        self.header = list(header)
        named = [h for h in self.header if h]
        # A repeated column name means "the last cell wins": leave that to read_row.
        self.plain = len(set(named)) == len(named)
        self.context_at = [(n, h) for n, h in enumerate(self.header) if h in CONTEXT_COLUMNS]
        wanted = [n for n, h in enumerate(self.header) if h and h not in CONTEXT_COLUMNS]
        self.columns = [(self.header[n], reader._matrix_column(self.header[n])) for n in wanted]
        self.gather = _gatherer(wanted)
        self._respondent_at = [n for n, h in enumerate(self.header) if h == "respondent"]
        self.groups = _groups(reader, self.header, wanted) if self.plain else None

    def respondent(self, cells: Sequence[str]) -> str | None:
        """The respondent cell of a row (the last, if the header repeats the column)."""
        found = None
        for n in self._respondent_at:
            if n < len(cells):
                found = cells[n]
        return found

    def read(
        self, cells: Sequence[str], industry: str | None = None
    ) -> tuple[Answers, list[AnswerProblem]]:
        """Check one row of cells; `industry` applies when the row names none."""
        if not self.plain or len(cells) < len(self.header):
            row = {name: cell for name, cell in zip(self.header, cells, strict=False) if name}
            if industry and not row.get("industry"):
                row["industry"] = industry
            return self.reader.read_row(row)
        given = {name: cells[n] for n, name in self.context_at}
        if industry and not given.get("industry"):
            given["industry"] = industry
        problems: list[AnswerProblem] = []
        context = self.reader.context(given, problems)
        picked = self.gather(cells)
        if self.groups is not None:
            found = self.groups.read(picked, cells, context.industry)
            if found is not None:
                values, codes = found
                return Answers(values, context, codes=codes), problems
        filled = [
            (column, cell)
            for column, cell in zip(
                compress(self.columns, picked), compress(picked, picked), strict=True
            )
            if not cell.isspace()
        ]
        answers, more = self.reader.read(_nest(filled), context)
        return answers, problems + more


class _Groups:
    """A regular sheet's columns as groups: one per plain question, one per matrix item.

    A regular sheet (like the template) has each question's columns, and each item's
    facet columns, side by side, and only question.item.facet matrix columns. For such a
    sheet, `read` checks a row a group at a time, an item's facets at once, instead of a
    cell at a time. It gives what `read_row` would for a row without problems, and None
    for any other row, for `read_row` to check in full and report.
    """

    def __init__(
        self, reader: AnswerReader, groups: list[_Cell | _ItemCells], of: list[int]
    ) -> None:
        self.reader = reader
        self.groups = groups
        self.of = of  # the group of each column that `SheetReader.gather` picks
        self._places: dict[str, list[int | None]] = {}

    def places(self, industry: str) -> list[int | None]:
        """Per group, where its item stands in the industry's catalog; None for a plain
        question, or an item the industry's catalog does not hold."""
        found = self._places.get(industry)
        if found is None:
            found = self._places[industry] = [
                group.coding.positions[industry].get(group.item)
                if isinstance(group, _ItemCells)
                else None
                for group in self.groups
            ]
        return found

    def read(
        self, picked: Sequence[str], cells: Sequence[str], industry: str
    ) -> tuple[dict[str, Value], dict[str, MatrixCodes]] | None:
        """The checked answers, with the codes of the matrix answers that have them."""
        values: dict[str, Value] = {}
        codes: dict[str, list[int | None]] = {}
        places = self.places(industry)
        # a matrix's groups are side by side: its answer and codes are filled in a row
        question, matrix, numbers = "", {}, []
        for n in dict.fromkeys(compress(self.of, picked)):  # the groups with a filled cell
            group = self.groups[n]
            if isinstance(group, _Cell):
                value = group.read(cells)
                if value is _MISSING:
                    return None
                values[group.question] = value
                continue
            place = places[n]
            if place is None:
                return None
            if group.question != question:
                question = group.question
                matrix = values[question] = {}
                numbers = codes[question] = [NO_ANSWER_CODE] * len(group.coding.catalogs[industry])
            facets = group.read(cells, numbers, place)
            if facets is None:
                return None
            matrix[group.item] = facets
        return values, self._encoded(values, codes, industry)

    def _encoded(
        self, values: dict[str, Value], codes: dict[str, list[int | None]], industry: str
    ) -> dict[str, MatrixCodes]:
        """The codes of each matrix answer that has them all."""
        found = {}
        for qid, numbers in codes.items():
            matrix = _encoded(self.reader.codings[qid], industry, values[qid], numbers)
            if matrix is not None:
                found[qid] = matrix
        return found


class _Cell:
    """A question's column in a sheet, and what its texts give, remembered.

    Answers other than numbers come from a few texts, repeated row after row.
    """

    __slots__ = ("known", "position", "question", "reader")

    def __init__(self, reader: AnswerReader, question: str, position: int) -> None:
        self.reader, self.question, self.position = reader, question, position
        self.known: dict[str, Value] = {}

    def read(self, row: Sequence[str]) -> Value:
        """The checked answer in a filled cell; _MISSING if it needs reporting."""
        cell = row[self.position]
        value = self.known.get(cell, _MISSING)
        if value is _MISSING and not cell.isspace():
            checked: dict[str, Value] = {}
            problems: list[AnswerProblem] = []
            # an answer to a question other than a matrix does not depend on the industry
            self.reader._read_answer(self.question, cell, "other", checked, problems)
            if not problems and self.question in checked:
                value = checked[self.question]
                if len(self.known) < TEXT_MEMO_LIMIT:
                    self.known[cell] = value
        return value


class _ItemCells:
    """A matrix item's facet columns in a sheet, with what checking them needs at hand.

    The leading single-choice facets (status, technology, ...) take few combinations of
    texts: what each combination gives is remembered, with its code and the conditions on
    the facets after them it leaves open. The facets after them (a channel list, say) take
    many, and are checked cell by cell.
    """

    __slots__ = (
        "cells",
        "coded_by_lead",
        "coding",
        "item",
        "known",
        "lead",
        "lead_checks",
        "lead_facets",
        "question",
        "quick",
        "rest",
        "rest_checks",
        "rest_facets",
    )

    def __init__(
        self,
        question: str,
        item: str,
        facets: tuple[str, ...],
        cells: Callable[[Sequence[str]], Sequence[str]],
        quick: _QuickFacets,
        coding: MatrixCoding,
    ) -> None:
        self.question, self.item = question, item
        self.cells, self.quick, self.coding = cells, quick, coding
        lead = 0
        while lead < len(facets) and facets[lead] not in quick.multiple:
            lead += 1
        self.lead = lead
        pairs = tuple((f, quick.texts[f]) for f in facets)
        self.lead_facets, self.rest_facets = pairs[:lead], pairs[lead:]
        checks = [(f, other, wanted) for f in facets for other, wanted in quick.applies.get(f, ())]
        rest = self.rest = frozenset(facets[lead:])
        self.lead_checks = tuple(c for c in checks if c[0] not in rest and c[1] not in rest)
        self.rest_checks = tuple(c for c in checks if c[0] in rest or c[1] in rest)
        # the code (see MatrixCoding) is remembered with the leading facets' answers when
        # scoring reads none of the facets after them
        self.coded_by_lead = not rest & set(coding.facets)
        self.known: dict[tuple[str, ...], _Lead | None] = {}

    def read(
        self, row: Sequence[str], codes: list[int | None], place: int
    ) -> dict[str, Any] | None:
        """What `_QuickFacets.read` gives for the item's filled cells, its code put at
        `place` in `codes`; None also for a cell of only spaces, which a sheet leaves
        unanswered."""
        cells = self.cells(row)
        lead = self.lead
        key = tuple(cells[:lead])
        known: _Lead | None = self.known.get(key, _MISSING)
        if known is _MISSING:
            known = self._lead(key)
            if len(self.known) < ITEM_MEMO_LIMIT:
                self.known[key] = known
        if known is None:
            return None
        facets: dict[str, Any] | None
        facets, code, checks = known
        if self.rest_facets:
            facets = self._fill(facets.copy(), self.rest_facets, cells[lead:], checks)
            if facets is None:
                return None
            if not self.coded_by_lead:
                code = self.coding.code(facets)
        else:
            facets = facets.copy()
        codes[place] = code
        return facets

    def _lead(self, cells: Sequence[str]) -> _Lead | None:
        """The leading facets' checked answers, their code if they alone decide it, and the
        checks of the facets after them that these answers leave open (a later facet asked
        only when a leading one has some answer is settled here)."""
        facets = self._fill({}, self.lead_facets, cells, self.lead_checks)
        if facets is None:
            return None
        code = self.coding.code(facets) if self.coded_by_lead else None
        checks = tuple(
            c for c in self.rest_checks if c[1] in self.rest or facets.get(c[1]) not in c[2]
        )
        return facets, code, checks

    def _fill(
        self,
        out: dict[str, Any],
        facets: tuple[tuple[str, dict[str, Any]], ...],
        cells: Sequence[str],
        checks: tuple[tuple[str, str, Sequence[str]], ...],
    ) -> dict[str, Any] | None:
        """`out` with these facets' filled cells checked in, if all is well; else None."""
        for (facet_id, texts), cell in zip(facets, cells, strict=True):
            if cell:
                checked = texts.get(cell, _MISSING)
                if checked is _MISSING:
                    if cell.isspace():
                        return None
                    checked = self.quick.text(facet_id, cell)
                if checked is None:
                    return None
                out[facet_id] = checked
        for facet_id, other, wanted in checks:
            if facet_id in out and out.get(other) not in wanted:
                return None
        return out


# What an item's leading facet cells give (see _ItemCells._lead)
_Lead = tuple[dict[str, Any], int | None, tuple[tuple[str, str, Sequence[str]], ...]]


def _groups(reader: AnswerReader, header: list[str], wanted: list[int]) -> _Groups | None:
    """The groups of a regular sheet's wanted columns (see _Groups); None if not regular."""
    keys: list[tuple[str, str]] = []  # (question, item) of each wanted column; item "" if plain
    facets: list[str] = []
    for n in wanted:
        cell = reader._matrix_column(header[n])
        if cell is None:
            if isinstance(reader.questions.get(header[n]), Matrix):
                return None  # a whole matrix in one cell: only read_row knows
            keys.append((header[n], ""))
            facets.append("")
            continue
        qid, item, facet = cell
        matrix = reader.questions[qid]
        assert isinstance(matrix, Matrix)
        if not item or facet not in {f.id for f in matrix.facets}:
            return None  # an item's own cell (dont_know), or an unknown facet
        keys.append((qid, item))
        facets.append(facet)
    if not _side_by_side([q for q, _ in keys]) or not _side_by_side(keys):
        return None
    order = list(dict.fromkeys(keys))
    groups: list[_Cell | _ItemCells] = []
    for qid, item in order:
        at = [n for n, key in enumerate(keys) if key == (qid, item)]
        if not item:
            groups.append(_Cell(reader, qid, wanted[at[0]]))
            continue
        groups.append(
            _ItemCells(
                qid,
                item,
                tuple(facets[n] for n in at),
                _gatherer([wanted[n] for n in at]),
                reader._quick[qid],
                reader.codings[qid],
            )
        )
    index = {key: n for n, key in enumerate(order)}
    return _Groups(reader, groups, [index[key] for key in keys])


def _encoded(
    coding: MatrixCoding, industry: str, answer: Mapping[str, Any], codes: list[int | None]
) -> MatrixCodes | None:
    """A matrix answer's codes, unless an item answer has none (see MatrixCoding.code):
    only once every code is taken, for checked answers, so only then is that looked for."""
    if coding.full and None in codes:
        return None
    return MatrixCodes(answer, coding.catalogs[industry], tuple(cast("list[int]", codes)))


def _side_by_side(keys: Sequence[Any]) -> bool:
    """Whether equal keys are all next to each other."""
    seen: set[Any] = set()
    previous = object()
    for key in keys:
        if key != previous:
            if key in seen:
                return False
            seen.add(key)
            previous = key
    return True


def _gatherer(positions: list[int]) -> Callable[[Sequence[str]], Sequence[str]]:
    """A function picking the cells at `positions` from a row (a slice if they are adjacent)."""
    if not positions:
        return lambda _cells: ()
    start, end = positions[0], positions[-1] + 1
    if positions == list(range(start, end)):
        return lambda cells: cells[start:end]
    return itemgetter(*positions)


def _nest(filled: Iterable[tuple[tuple[str, tuple[str, str, str] | None], Any]]) -> dict[str, Any]:
    """Filled cells ((column, matrix cell or None), value) as nested answers, in column order."""
    nested: dict[str, Any] = {}
    for (column, matrix_cell), cell in filled:
        if matrix_cell is None:
            nested[column] = cell
            continue
        qid, item, facet = matrix_cell
        cells = nested.get(qid)
        if cells is None:
            cells = nested[qid] = {}
        if not facet:
            cells[item] = cell
            continue
        entry = cells.get(item)
        if entry is None:
            entry = cells[item] = {}
        if isinstance(entry, dict):
            entry[facet] = cell
    return nested


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


def _shared(parse: Parse) -> Parse:
    """`parse`, giving one object for equal answers (sets of options, from a mapping).

    Scoring looks answers up in tables by answer: the one object it has seen is found at
    once, by identity, where an equal set would be compared option by option.
    """
    seen: dict[Value, Value] = {}

    def shared(answer: Any, industry: str, problems: list[AnswerProblem]) -> Value:
        value = parse(answer, industry, problems)
        if value is None:
            return None
        found = seen.get(value)
        if found is None:
            found = seen.setdefault(value, value) if len(seen) < TEXT_MEMO_LIMIT else value
        return found

    return shared


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
