"""Matrix answers the reader encoded (see scoring/_codes.py) score exactly like the same
answers built by hand, which the scorer walks item by item instead.

Figures are compared through `Result.to_dict()`, which holds every score, placement and
exclusion, with and without the explanation.
"""

from __future__ import annotations

import copy
import dataclasses
import random
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from cxmaturity.core.model import Facet, Matrix, MaturityModel
from cxmaturity.core.scoring import (
    Answers,
    Context,
    Result,
    Scorer,
    _codes,
    _engine,
    _matrix,
    columns,
    flatten,
    sample_respondents,
)
from cxmaturity.core.scoring._codes import (
    DONT_KNOW_CODE,
    FIRST_COMBINATION,
    NO_ANSWER_CODE,
    NOT_APPLICABLE_CODE,
    MatrixCoding,
)
from cxmaturity.models import BUILTIN_IDS, builtin

MATRIX_MODEL = "cx-automation"  # the built-in model with a use-case matrix


def matrices(model: MaturityModel) -> list[Matrix]:
    return [q for d in model.dimensions for q in d.questions if isinstance(q, Matrix)]


def respondents(model: MaturityModel, seed: int) -> Iterator[dict[str, Any]]:
    """Sample respondents of every industry, each also with gaps: items and questions left
    out, answered dont_know or not_applicable, items answered with no facet at all."""
    rng = random.Random(seed)
    industries = [i.id for i in model.industries] + ["other"]
    questions = {q.id: q for d in model.dimensions for q in d.questions}
    for industry in industries:
        for doc in sample_respondents(model, 6, seed=seed, industry=industry):
            yield doc
            gaps = copy.deepcopy(doc)
            for qid, answer in list(gaps["answers"].items()):
                if isinstance(answer, dict):
                    for item in list(answer):
                        answer[item] = rng.choice(
                            [answer[item], "dont_know", "not_applicable", {}, None]
                        )
                        if answer[item] is None:
                            del answer[item]
                elif rng.random() < 0.3:
                    if questions[qid].allow_dont_know and rng.random() < 0.5:
                        gaps["answers"][qid] = "dont_know"
                    else:
                        del gaps["answers"][qid]
            yield gaps


def read(scorer: Scorer, doc: dict[str, Any]) -> Answers:
    answers, problems = scorer.reader.read(doc["answers"], scorer.reader.context(doc, []))
    assert not problems, problems
    return answers


def by_hand(answers: Answers) -> Answers:
    """The same answers, as a caller would build them: no codes, fresh objects."""
    return Answers(copy.deepcopy(dict(answers.values)), answers.context)


def figures(result: Result) -> dict[str, Any]:
    return {**result.to_dict(), "explanation": None}


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
@pytest.mark.parametrize("seed", [1, 2])
def test_encoded_answers_score_exactly_as_answers_built_by_hand(model_id: str, seed: int) -> None:
    model = builtin(model_id)
    scorer = Scorer(model)
    for doc in respondents(model, seed):
        answers = read(scorer, doc)
        encoded = [q.id for q in matrices(model) if isinstance(answers.values.get(q.id), dict)]
        assert sorted(answers.codes or {}) == sorted(encoded)
        walked = by_hand(answers)
        plain = scorer.score(answers).to_dict()
        assert scorer.score(walked).to_dict() == plain
        explained = scorer.score(answers, explain=True)
        assert figures(explained) == plain
        assert scorer.score(walked, explain=True).to_dict() == explained.to_dict()


def test_the_codes_are_used_for_the_answer_they_encode() -> None:
    model = builtin(MATRIX_MODEL)
    scorer = Scorer(model)
    doc = next(sample_respondents(model, 1, seed=3, industry="retail"))
    answers = read(scorer, doc)
    plan = scorer.plan(answers.context)
    assert answers.codes is not None
    (matrix,) = plan.matrices
    assert matrix.codes(answers.values[matrix.qid], answers.codes) == (
        answers.codes[matrix.qid].codes
    )
    assert matrix.codes(copy.deepcopy(answers.values[matrix.qid]), answers.codes) is None


def test_an_item_s_code_stands_for_its_answer() -> None:
    model = builtin(MATRIX_MODEL)
    scorer = Scorer(model)
    answers, problems = scorer.reader.read(
        {
            "use_cases": {
                "ret_abandoned_cart": {"status": "full", "technology": "hybrid_ai"},
                "ret_delivery_tracking": "dont_know",
                "ret_returns_refunds": "not_applicable",
                "ret_review_requests": {
                    "status": "full",
                    "technology": "hybrid_ai",
                    "channels": ["sms"],
                },
            }
        },
        Context("retail"),
    )
    assert not problems, problems
    assert answers.codes is not None
    encoded = answers.codes["use_cases"]
    coding = scorer.reader.codings["use_cases"]
    assert encoded.items is coding.catalogs["retail"]
    assert encoded.answer is answers.values["use_cases"]
    code = dict(zip(encoded.items, encoded.codes, strict=True))
    assert code["ret_delivery_tracking"] == DONT_KNOW_CODE
    assert code["ret_returns_refunds"] == NOT_APPLICABLE_CODE
    # channels are not scored: both answers are the same combination
    assert code["ret_abandoned_cart"] == code["ret_review_requests"] >= FIRST_COMBINATION
    assert coding.keys[code["ret_abandoned_cart"]] == ("full", "hybrid_ai", None)
    unanswered = set(encoded.items) - set(answers.values["use_cases"])
    assert unanswered
    assert {code[item] for item in unanswered} == {NO_ANSWER_CODE}


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_a_sheet_row_gives_the_codes_of_the_nested_answer(model_id: str) -> None:
    model = builtin(model_id)
    scorer = Scorer(model)
    header = [c.name for c in columns(model)]
    sheet = scorer.reader.sheet(header)
    for doc in sample_respondents(model, 20, seed=5):
        nested = read(scorer, doc)
        cells = flatten(doc["answers"]) | {k: doc[k] or "" for k in ("industry", "region", "size")}
        row, problems = sheet.read([cells.get(h, "") for h in header])
        assert not problems, problems
        assert {q: c.codes for q, c in (row.codes or {}).items()} == {
            q: c.codes for q, c in (nested.codes or {}).items()
        }
        assert scorer.score(row).to_dict() == scorer.score(nested).to_dict()


def test_codes_of_a_replaced_answer_are_not_used() -> None:
    model = builtin(MATRIX_MODEL)
    scorer = Scorer(model)
    first, second = (
        read(scorer, d) for d in sample_respondents(model, 2, seed=8, industry="telco")
    )
    mixed = dataclasses.replace(
        first, values={**first.values, "use_cases": second.values["use_cases"]}
    )
    assert scorer.score(mixed).to_dict() == scorer.score(by_hand(mixed)).to_dict()
    assert scorer.score(mixed).to_dict() != scorer.score(first).to_dict()


def test_codes_from_another_reader_or_industry_are_not_used() -> None:
    model = builtin(MATRIX_MODEL)
    reader, scorer = Scorer(model), Scorer(model)
    for n, doc in enumerate(sample_respondents(model, 12, seed=9)):
        answers = read(reader, doc)
        assert scorer.score(answers).to_dict() == scorer.score(by_hand(answers)).to_dict()
        if n == 0:  # the same items answered, but scored on another industry's catalog
            other = dataclasses.replace(answers, context=Context("other"))
            assert scorer.score(other).to_dict() == scorer.score(by_hand(other)).to_dict()


def test_answers_are_walked_once_every_code_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_codes, "COMBINATION_LIMIT", FIRST_COMBINATION + 2)
    model = builtin(MATRIX_MODEL)
    scorer = Scorer(model)
    walked = 0
    for doc in sample_respondents(model, 40, seed=10):
        answers = read(scorer, doc)
        walked += "use_cases" not in (answers.codes or {})
        assert scorer.score(answers).to_dict() == scorer.score(by_hand(answers)).to_dict()
    assert walked
    assert len(scorer.reader.codings["use_cases"].keys) == FIRST_COMBINATION + 2


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_memo_limits_do_not_change_a_figure(model_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    model = builtin(model_id)
    docs = list(respondents(model, seed=11))
    expected = [Scorer(model).score_raw(doc, explain=True).to_dict() for doc in docs]
    for module, name in [
        (_matrix, "MEMO_LIMIT"),
        (_matrix, "STAGE_MEMO_LIMIT"),
        (_engine, "MEMO_LIMIT"),
        (_engine, "RESULT_MEMO_LIMIT"),
        (_engine, "GROUP_MEMO_LIMIT"),
        (_engine, "SUMS_MEMO_LIMIT"),
    ]:
        monkeypatch.setattr(module, name, 1)
    scorer = Scorer(model)
    for _ in range(2):  # the second time round, what little is remembered is found
        assert [scorer.score_raw(doc, explain=True).to_dict() for doc in docs] == expected


def test_answers_built_by_hand_with_option_lists_score_as_checked_ones() -> None:
    model = builtin(MATRIX_MODEL)
    scorer = Scorer(model)
    for doc in sample_respondents(model, 10, seed=12):
        answers = read(scorer, doc)
        values = {  # the headroom reads systems in place from a set only
            qid: sorted(value)
            if isinstance(value, frozenset) and qid != model.systems_question
            else value
            for qid, value in by_hand(answers).values.items()
        }
        for item in values["use_cases"].values():
            if "channels" in item:
                item["channels"] = sorted(item["channels"])
        hand = Answers(values, answers.context)
        assert scorer.score(hand).to_dict() == scorer.score(answers).to_dict()


def test_a_combination_gets_one_code_whatever_the_threads() -> None:
    coding = MatrixCoding(("status", "depth"), {"other": ()})
    combinations = [{"status": s, "depth": d} for s in "abcdefgh" for d in "abcdefgh"]
    found: list[list[int | None]] = []

    def code_all(seed: int) -> None:
        mine = combinations[:]
        random.Random(seed).shuffle(mine)
        found.append([coding.code(c) for c in mine])

    threads = [threading.Thread(target=code_all, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(coding.keys) == FIRST_COMBINATION + len(combinations)
    for combination in combinations:
        code = coding.code(combination)
        assert code is not None
        assert coding.keys[code] == (combination["status"], combination["depth"], None)


def test_an_unhashable_option_list_has_no_code() -> None:
    coding = MatrixCoding(("channels",), {"other": ()})
    assert coding.code({"channels": ["sms", "email"]}) is None
    assert coding.code({"channels": frozenset({"sms", "email"})}) == FIRST_COMBINATION


def test_equal_option_sets_are_read_as_one_object() -> None:
    model = builtin(MATRIX_MODEL)
    scorer = Scorer(model)
    first, second = (
        read(scorer, {"answers": {"sp_systems": systems}})
        for systems in (["crm", "cdp"], ["cdp", "crm"])
    )
    assert first.values["sp_systems"] is second.values["sp_systems"]


def test_a_facet_of_several_options_is_worth_the_same_in_any_order() -> None:
    options = [{"id": o, "label": o, "value": v} for o, v in (("a", 0.1), ("b", 0.2), ("c", 0.7))]
    facet = Facet.model_validate(
        {"id": "channels", "label": "Channels", "multiple": True, "options": options}
    )
    value = _matrix._facet_reader([facet])
    assert value({"channels": ("a", "b", "c")}, "channels") == value(
        {"channels": ("c", "b", "a")}, "channels"
    )


@pytest.mark.parametrize("status", ["none", "full"])
def test_a_sheet_row_checks_a_later_facet_against_the_leading_ones(status: str) -> None:
    """The leading facets' answers settle whether a later facet may be answered."""
    model = builtin(MATRIX_MODEL)
    scorer = Scorer(model)
    header = [c.name for c in columns(model)]
    cells = {
        "industry": "retail",
        "use_cases.ret_abandoned_cart.status": status,
        "use_cases.ret_abandoned_cart.channels": "sms",
    }
    for _ in range(2):  # the second time, what the leading facets give is remembered
        _, problems = scorer.reader.sheet(header).read([cells.get(h, "") for h in header])
        assert [p.field for p in problems] == (
            ["use_cases.ret_abandoned_cart.channels"] if status == "none" else []
        )


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_plans_sharing_what_they_remember_score_each_region_as_alone(model_id: str) -> None:
    """Regions of one industry with the same benchmark figures share dimension results;
    each result still carries its own region's figures, as a scorer of that region alone
    gives them."""
    model = builtin(model_id)
    regions = [r.id for r in model.regions] if model.regions else ["europe", "americas"]
    shared = Scorer(model)
    for doc in respondents(model, seed=5):
        for region in regions:
            moved = {**doc, "region": region}
            alone = Scorer(model).score_raw(moved).to_dict()
            assert shared.score_raw(moved).to_dict() == alone
