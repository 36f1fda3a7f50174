"""Plans: from an organization's result to what to do next, decided by people.

The core (`cxmaturity.core.planning`) computes targets, gaps, ranked actions, what-if
and the best set for a budget from the answers; this app stores only what people
decide on top of it (targets, the 3-5 priorities and their details, discovery,
governance, comments, approval), so a plan always reflects the answers it was made from.
"""
