"""Static files' storage: Django's, with each file's URL worked out once per process.

Every page names the same handful of files (`{% static %}`), and each name costs a
path-to-URI conversion and a URL join per request: about a tenth of a cached results
page (bench/web, issue 3). A file's URL cannot change while the process runs (it
depends on STATIC_URL and the name only), so remembering it is safe.
"""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles.storage import StaticFilesStorage


class StaticStorage(StaticFilesStorage):
    _urls: dict[str | None, str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name: str | None) -> str:
        found = self._urls.get(name)
        if found is None:
            found = self._urls[name] = super().url(name)
        return found
