"""Assessments: take a maturity questionnaire, keep every answer, show the result."""
