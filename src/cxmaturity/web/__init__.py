"""The web app: a Django project around the pure scoring core.

Nothing under `cxmaturity.core` may import from here; the import contract in
pyproject.toml checks it.
"""
