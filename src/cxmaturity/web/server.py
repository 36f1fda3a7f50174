"""Run the web app under gunicorn from `cxm serve`, without a separate config file.

Each worker pays vl-convert's first-conversion cost (about half a second) once, when
it starts, so no visitor waits for it.
"""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class Server(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        self.cfg.set("post_worker_init", _warm_up)

    def load(self) -> Any:
        from cxmaturity.web.wsgi import application

        return application


def _warm_up(worker: Any) -> None:
    """Pay each worker's one-time costs (the chart engine, about 0.5 s; WeasyPrint's
    import and first layout, about 0.7 s) before it takes requests, not on a visitor's
    first chart or PDF."""
    from cxmaturity import charts, reports

    charts.warm_up()
    reports.warm_up()


def serve(host: str, port: int, workers: int, access_log: bool) -> None:
    """Serve until interrupted (blocks)."""
    Server(
        {
            "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
            "workers": workers,
            "worker_class": "sync",
            "timeout": 60,
            "graceful_timeout": 10,
            "accesslog": "-" if access_log else None,
            "errorlog": "-",
            "loglevel": "warning",
            "proc_name": "cx-maturity",
        }
    ).run()
