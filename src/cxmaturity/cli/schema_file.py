"""Write or check the committed JSON Schema of the model format (`make schema`)."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from cxmaturity.core.model import json_schema_text

SCHEMA_PATH = Path(str(resources.files("cxmaturity.core.model").joinpath("model.schema.json")))


def generated() -> str:
    return json_schema_text()


def main(argv: list[str]) -> int:
    if "--check" in argv:
        if SCHEMA_PATH.read_text(encoding="utf-8") != generated():
            print(f"{SCHEMA_PATH} is out of date; run: python -m cxmaturity.cli.schema_file")
            return 1
        return 0
    SCHEMA_PATH.write_text(generated(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
