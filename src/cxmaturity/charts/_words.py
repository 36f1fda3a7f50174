"""Every English word the charts show or say, in one place so a translation has one file
to replace. Dimension, level and stage names come from the result and the model, already
in the assessment's language."""

from __future__ import annotations

YOUR_SCORE = "Your score"
BENCHMARK = "Industry benchmark"
NO_ANSWERS = "no answers"
SCORE_AXIS = "Score (0–100)"
LEVEL = "Level"
STAGE_SCORE = "Stage score"
WEAKEST = "Weakest stage"
DEPLOYED = "Deployed"
HEADROOM = "Headroom"
DIMENSION_SCORE = "Dimension score"
OVERALL_SCORE = "Overall score"

TITLE_RADAR = "Profile across dimensions"
TITLE_BARS = "Score per dimension"
TITLE_CURVE = "Position on the maturity curve"
TITLE_AXES = "Operational and strategic maturity"
TITLE_STAGES = "Score per journey stage"
TITLE_HEADROOM = "Automation headroom"

AND = "and"
