"""`doorbraak pipeline worker [--eenmalig]` / `doorbraak pipeline start [--peildatum D]`.

- `worker`: the queue's worker (django-tasks' `db_worker` on the queue `pijplijn`); a job a
  dead worker on this host left running goes back on the queue first. `--eenmalig` stops
  when the queue is empty.
- `start`: puts a pipeline job on the queue by hand (link, register, monitor).
"""

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from doorbraak.pipeline.services import job_enqueue
from doorbraak.pipeline.worker import worker_serve


class Command(BaseCommand):
    help = "Pijplijn: verwerk de wachtrij (worker) of zet een taak in de wachtrij (start)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        worker = sub.add_parser("worker", help="Verwerk de taken in de wachtrij.")
        worker.add_argument("--eenmalig", action="store_true", help="stop als de wachtrij leeg is")
        worker.add_argument("--interval", type=float, default=1.0, help="seconden tussen kijken")
        start = sub.add_parser("start", help="Zet een pijplijntaak in de wachtrij.")
        start.add_argument("--peildatum", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "worker":
            worker_serve(once=options["eenmalig"], interval=options["interval"])
            return
        job = job_enqueue(as_of=options["peildatum"])
        self.stdout.write(f"Pijplijntaak {job.pk} staat in de wachtrij.")
