"""The one shape every chart takes, whoever draws it (the browser or the server)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["vega-lite", "vega"]


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart defined once: the browser embeds `spec`, the server renders it to SVG.

    `kind` is also vega-embed's `mode` option: the specs carry no `$schema` (no remote
    URL at all), so the page tells vega-embed which grammar it is reading.
    `description` is the alt text: it states the figures, so a screen-reader user or a
    reader of the printed report without colour vision loses nothing.
    """

    id: str
    title: str
    kind: Kind
    spec: dict[str, Any]
    description: str

    def to_dict(self) -> dict[str, Any]:
        """The chart as plain JSON data, for a page to hand to vega-embed."""
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "spec": self.spec,
            "description": self.description,
        }
