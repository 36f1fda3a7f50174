"""Scoring: from a model and a respondent's answers to scores, levels, bands and reasons."""

from ._answers import (
    CONTEXT_COLUMNS,
    DONT_KNOW,
    MULTI_SEPARATOR,
    NOT_APPLICABLE,
    AnswerProblem,
    AnswerReader,
    Answers,
    Context,
    InvalidAnswersError,
)
from ._engine import Scorer
from ._result import (
    BenchmarkFigure,
    DimensionResult,
    Exclusion,
    GroupResult,
    HeadroomResult,
    Opportunity,
    OverallResult,
    Placement,
    Result,
    standouts,
)
from ._sample import sample_respondents
from ._sheet import Column, columns, flatten

__all__ = [
    "CONTEXT_COLUMNS",
    "DONT_KNOW",
    "MULTI_SEPARATOR",
    "NOT_APPLICABLE",
    "AnswerProblem",
    "AnswerReader",
    "Answers",
    "BenchmarkFigure",
    "Column",
    "Context",
    "DimensionResult",
    "Exclusion",
    "GroupResult",
    "HeadroomResult",
    "InvalidAnswersError",
    "Opportunity",
    "OverallResult",
    "Placement",
    "Result",
    "Scorer",
    "columns",
    "flatten",
    "sample_respondents",
    "standouts",
]
