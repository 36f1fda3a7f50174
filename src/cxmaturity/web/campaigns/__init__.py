"""Campaigns: many respondents answer one model for one organization, then agree."""
