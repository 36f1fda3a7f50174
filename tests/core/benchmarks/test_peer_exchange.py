"""The anonymized exchange CSV: round trip, every error message, and the anonymization."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxmaturity.core.benchmarks import (
    EXCHANGE_COLUMNS,
    OVERALL,
    ExchangeFormatError,
    ExchangeRow,
    GroupKey,
    PeerEntry,
    PeerIndex,
    PrivacyPolicy,
    anonymize_for_exchange,
    exchange_entries,
    parse_exchange_csv,
    write_exchange_csv,
)
from cxmaturity.core.benchmarks._exchange import MAX_PROBLEMS

PROPERTY = settings(max_examples=60, deadline=None, database=None)
HEADER = "model,model_version,dimension,industry,region,size,score\n"
GOOD = "cx-automation,1.0,journey,retail,europe,250-999,41.25\n"
DIMENSIONS = {"cx-automation": ("journey", "sophistication", "system_potential")}


def problems(text: str, **kwargs: object) -> list[str]:
    with pytest.raises(ExchangeFormatError) as caught:
        parse_exchange_csv(text.splitlines(keepends=True), **kwargs)  # type: ignore[arg-type]
    return [str(p) for p in caught.value.problems]


def test_round_trip() -> None:
    rows = [
        ExchangeRow("cx-automation", "1.0", "journey", "retail", "europe", "250-999", 41.25),
        ExchangeRow("cx-automation", "1.0", OVERALL, None, None, None, 0.0),
        ExchangeRow("cx-curve", "2.1", "strategy", "telco", None, "5000+", 100.0),
    ]
    lines = list(write_exchange_csv(rows))
    assert lines[0] == HEADER
    assert lines[2] == "cx-automation,1.0,overall,,,,0.0\n"
    assert parse_exchange_csv(lines, dimensions={**DIMENSIONS, "cx-curve": ("strategy",)}) == rows


ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,10}", fullmatch=True)
rows = st.builds(
    ExchangeRow,
    ids,
    st.from_regex(r"[0-9]{1,2}\.[0-9]{1,2}", fullmatch=True),
    ids,
    st.one_of(st.none(), ids),
    st.one_of(st.none(), ids),
    st.one_of(st.none(), st.sampled_from(["1-49", "5000+", "250-999"])),
    st.floats(0, 100),
)


@PROPERTY
@given(st.lists(rows, max_size=30))
def test_round_trip_property(exchange: list[ExchangeRow]) -> None:
    assert parse_exchange_csv(write_exchange_csv(exchange)) == exchange


def test_spreadsheet_habits_are_accepted() -> None:
    text = "\ufeffModel, model_version,dimension,industry,region,size,score\r\n\r\n" + (
        " cx-automation ,1.0,journey,,,,  7 \r\n"
    )
    assert parse_exchange_csv(text.splitlines(keepends=True)) == [
        ExchangeRow("cx-automation", "1.0", "journey", None, None, None, 7.0)
    ]
    reordered = "score,size,region,industry,dimension,model_version,model\n7,,,,overall,1,m\n"
    assert parse_exchange_csv(reordered.splitlines())[0].score == 7.0


def test_the_row_and_column_of_a_bad_score_are_named() -> None:
    text = HEADER + GOOD * 15 + GOOD.replace("41.25", "abc")
    assert problems(text) == ["row 17, column score: 'abc' is not a number between 0 and 100"]


@pytest.mark.parametrize("score", ["", "nan", "inf", "-1", "100.01", "1e3", "12,5"])
def test_every_kind_of_bad_score(score: str) -> None:
    row = GOOD.replace("41.25", f'"{score}"')
    assert problems(HEADER + row) == [
        f"row 2, column score: {score!r} is not a number between 0 and 100"
    ]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("model", "", "'' is not a model id (lower-case letters, digits, '-', '_')"),
        ("model", "CX Automation", "'CX Automation' is not a model id (lower-case letters, digits, '-', '_')"),
        ("model_version", "", "'' is not a model version such as 1.0"),
        ("dimension", "Journey", "'Journey' is not a dimension id or 'overall'"),
        ("industry", "Retail", "'Retail' is not an id (lower-case letters, digits, '-', '_') or empty"),
        ("region", "eu rope", "'eu rope' is not an id (lower-case letters, digits, '-', '_') or empty"),
        ("size", "big;huge", "'big;huge' is not a company size such as 250-999 or empty"),
    ],
)  # fmt: skip
def test_every_column_names_its_problem(column: str, value: str, message: str) -> None:
    cells = dict(zip(EXCHANGE_COLUMNS, GOOD.strip().split(","), strict=True))
    cells[column] = value
    assert problems(HEADER + ",".join(cells.values()) + "\n") == [
        f"row 2, column {column}: {message}"
    ]


def test_models_and_dimensions_are_checked_when_known() -> None:
    text = (
        HEADER
        + GOOD.replace("cx-automation", "cx-unknown")
        + GOOD.replace("journey", "empathy")
        + GOOD.replace("journey", "overall")
    )
    assert problems(text, dimensions=DIMENSIONS) == [
        "row 2, column model: 'cx-unknown' is not an installed model (cx-automation)",
        "row 3, column dimension: 'empathy' is not a dimension of cx-automation"
        " (journey, sophistication, system_potential, overall)",
    ]


def test_all_or_nothing_with_every_problem_listed() -> None:
    text = HEADER + GOOD + GOOD.replace("41.25", "x") + GOOD + "a,b\n" + GOOD.replace("retail", "R")
    assert problems(text) == [
        "row 3, column score: 'x' is not a number between 0 and 100",
        "row 5: expected 7 columns, found 2",
        "row 6, column industry: 'R' is not an id (lower-case letters, digits, '-', '_') or empty",
    ]


def test_header_problems() -> None:
    assert problems("") == [
        "row 1: the file is empty; expected a header: "
        "model, model_version, dimension, industry, region, size, score"
    ]
    expected = "(expected: model, model_version, dimension, industry, region, size, score)"
    assert problems("model,model_version,dimension,industry,region,size,organization\n") == [
        f"row 1, column score: missing from the header {expected}",
        f"row 1, column organization: unknown column {expected}",
    ]
    assert problems("model,model,model_version,dimension,industry,region,size,score\n") == [
        "row 1, column model: appears more than once in the header"
    ]


def test_unreadable_csv() -> None:
    assert problems(HEADER + 'cx-automation,"1.0\n') == [
        "row 2: not readable as CSV (unexpected end of data)"
    ]


def test_problems_stop_after_a_limit() -> None:
    with pytest.raises(ExchangeFormatError) as caught:
        parse_exchange_csv([HEADER] + [GOOD.replace("41.25", "x")] * (MAX_PROBLEMS + 10))
    assert len(caught.value.problems) == MAX_PROBLEMS
    assert caught.value.truncated
    assert str(caught.value).endswith(f"(stopped after {MAX_PROBLEMS} problems)")


def org(n: int, industry: str | None, region: str | None, size: str | None) -> PeerEntry:
    return PeerEntry(
        f"secret-org-{n}", "m", industry, region, size, {"journey": float(n), OVERALL: None}
    )


def test_anonymization_coarsens_small_cells_and_withholds_what_stays_small() -> None:
    entries = (
        [org(n, "retail", "europe", "large") for n in range(5)]  # a cell of 5: kept as is
        + [org(n, "retail", "europe", "small") for n in range(5, 8)]  # 3: size dropped ...
        + [org(n, "retail", "europe", None) for n in range(8, 10)]  # ... joining these 2
        + [org(n, "telco", "asia", "small") for n in range(10, 14)]  # 4, and 4 alone: withheld
    )
    export = anonymize_for_exchange(entries, {"m": "1.0"})
    cells = Counter((r.industry, r.region, r.size) for r in export.rows)
    assert cells == {("retail", "europe", "large"): 5, ("retail", "europe", None): 5}
    assert (export.coarsened, export.withheld) == (5, 4)
    assert all(r.dimension == "journey" and r.model_version == "1.0" for r in export.rows)
    text = "".join(write_exchange_csv(export.rows))
    assert "secret-org" not in text
    assert export.rows == sorted(
        export.rows, key=lambda r: (r.industry or "", r.region or "", r.size or "", r.score)
    )


@PROPERTY
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["retail", "telco", None]),
            st.sampled_from(["europe", "asia", None]),
            st.sampled_from(["small", "large", None]),
        ),
        max_size=60,
    ),
    st.integers(3, 7),
)
def test_every_exported_combination_has_at_least_min_size_rows(
    members: list[tuple[str | None, str | None, str | None]], min_size: int
) -> None:
    entries = [org(n, *attributes) for n, attributes in enumerate(members)]
    export = anonymize_for_exchange(entries, {"m": "1"}, policy=PrivacyPolicy(min_size))
    cells = Counter((r.model_id, r.dimension, r.industry, r.region, r.size) for r in export.rows)
    assert all(count >= min_size for count in cells.values())
    assert len(export.rows) + export.withheld == len(members)


def test_imported_rows_become_peer_entries() -> None:
    imported = parse_exchange_csv([HEADER, GOOD, GOOD.replace("journey", "overall")])
    index = PeerIndex.build(exchange_entries(imported, source="consultant-2026"))
    assert index.size(GroupKey("cx-automation", "journey", "retail", "europe", "250-999")) == 1
    assert index.size(GroupKey("cx-automation", OVERALL)) == 1
    assert index.remove(("consultant-2026", 0), "cx-automation")
