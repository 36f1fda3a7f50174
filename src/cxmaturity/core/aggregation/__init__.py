"""Aggregation of a campaign's respondents: spread, agreement, departments and consensus.

Pure: it takes a model and checked answers, and returns figures; the web app stores
respondents and agreed answers, and hands them in.
"""

from ._answers import (
    AGGREGATED,
    AGREED,
    UNANSWERED,
    Agreed,
    Collected,
    Column,
    Consensus,
    aggregate_item,
    aggregate_value,
    aggregated_answers,
    build_consensus,
    collect,
)
from ._campaign import (
    CampaignAggregate,
    DimensionSummary,
    GroupFigure,
    QuestionSummary,
    Respondent,
    RespondentScores,
    Side,
    Sides,
    aggregate,
    checked_respondent,
)
from ._groups import MIN_GROUP, check_min_group, shown_groups
from ._scales import NUMBER_BINS, Ordinal, facet_ordinal, ordinal
from ._stats import MIN_RATERS, Agreement, Spread, ad_index, agreement, rwg, spread

__all__ = [
    "AGGREGATED",
    "AGREED",
    "MIN_GROUP",
    "MIN_RATERS",
    "NUMBER_BINS",
    "UNANSWERED",
    "Agreed",
    "Agreement",
    "CampaignAggregate",
    "Collected",
    "Column",
    "Consensus",
    "DimensionSummary",
    "GroupFigure",
    "Ordinal",
    "QuestionSummary",
    "Respondent",
    "RespondentScores",
    "Side",
    "Sides",
    "Spread",
    "ad_index",
    "aggregate",
    "aggregate_item",
    "aggregate_value",
    "aggregated_answers",
    "agreement",
    "build_consensus",
    "check_min_group",
    "checked_respondent",
    "collect",
    "facet_ordinal",
    "ordinal",
    "rwg",
    "shown_groups",
    "spread",
]
