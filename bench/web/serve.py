"""Start the app for the benchmark exactly as `cxm serve` does, with the bench settings.

`cxm serve` configures Django in the master (migrate, built-in models) and then runs
`cxmaturity.web.server.serve`: the same gunicorn options, worker class and per-worker
chart warm-up are used here by calling the very same function, so the figures are
those of the product's server and not of a hand-copied gunicorn command line. Only
DJANGO_SETTINGS_MODULE differs (bench.web.settings adds the baseline views).

python -m bench.web.serve PORT WORKERS
"""

from __future__ import annotations

import os
import sys

from cxmaturity.web import setup
from cxmaturity.web.server import serve


def main() -> None:
    port, workers = int(sys.argv[1]), int(sys.argv[2])
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.web.settings"
    setup.configure(None)
    setup.prepare()
    serve("127.0.0.1", port, workers, access_log=False)


if __name__ == "__main__":
    main()
