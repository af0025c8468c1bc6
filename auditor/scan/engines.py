"""Where tasks run: local worker processes or a Dask cluster, behind one interface.

Both engines run the same function (``work.run_task``) on the same tasks and
yield results as they finish; the caller orders them by task, so the report does
not depend on which engine ran, how many workers it had or in what order they
finished.  No home-made scheduling: ``concurrent.futures`` or ``dask.distributed``.
"""

from __future__ import annotations

import os
import threading
from abc import ABC, abstractmethod
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Iterator

from auditor.errors import AuditorError
from auditor.scan import ENGINES
from auditor.scan.readers import Task
from auditor.scan.work import TaskResult, run_task, warm_up



def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class Engine(ABC):
    @abstractmethod
    def run(self, tasks: list[Task], fields: frozenset[str] | None) -> Iterator[tuple[int, TaskResult]]:
        """(task index, result) pairs, in completion order."""


class LocalEngine(Engine):
    """A process pool of ``jobs`` workers; with one job (or one task) the work stays in this process."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs

    def run(self, tasks: list[Task], fields: frozenset[str] | None) -> Iterator[tuple[int, TaskResult]]:
        if self.jobs <= 1 or len(tasks) <= 1:
            for index, task in enumerate(tasks):
                yield index, run_task(task, fields)
            return
        import multiprocessing

        # Workers forked from this process start with the patterns loaded and the hyperscan
        # database compiled (a database is plain memory, so each child has its own copy).
        # Forking is safe only while this process runs no other thread; otherwise, and where
        # fork is missing, workers start fresh (forkserver or spawn) and compile their own.
        methods = multiprocessing.get_all_start_methods()
        if "fork" in methods and threading.active_count() == 1:
            warm_up()
            method = "fork"
        else:
            method = "forkserver" if "forkserver" in methods else "spawn"
        context = multiprocessing.get_context(method)
        with ProcessPoolExecutor(max_workers=min(self.jobs, len(tasks)), mp_context=context) as pool:
            futures = {pool.submit(run_task, task, fields): index for index, task in enumerate(tasks)}
            for future in as_completed(futures):
                yield futures[future], future.result()


class DaskEngine(Engine):
    """``dask.distributed``: the scheduler at ``address``, or a local cluster of ``jobs`` workers."""

    def __init__(self, jobs: int, address: str | None, processes: bool = True) -> None:
        self.jobs, self.address, self.processes = jobs, address, processes

    def run(self, tasks: list[Task], fields: frozenset[str] | None) -> Iterator[tuple[int, TaskResult]]:
        try:
            from distributed import Client, LocalCluster, as_completed as dask_completed
        except ImportError:
            raise AuditorError("--engine dask needs the dask extra: pip install 'auditor[dask]'", field="--engine") from None
        cluster = None
        try:
            if self.address:
                client = Client(self.address, timeout="10s")
            else:
                cluster = LocalCluster(
                    n_workers=max(1, self.jobs), threads_per_worker=1, processes=self.processes, dashboard_address=None
                )
                client = Client(cluster)
        except (OSError, TimeoutError) as exc:
            raise AuditorError(f"cannot reach the Dask scheduler ({exc})", field="--scheduler") from None
        try:
            futures = client.map(run_task, tasks, fields=fields, pure=False)
            order = {future.key: index for index, future in enumerate(futures)}
            for future in dask_completed(futures):
                yield order[future.key], future.result()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def make_engine(name: str, jobs: int | None, scheduler: str | None) -> Engine:
    jobs = jobs or default_jobs()
    if name not in ENGINES:
        raise AuditorError(f"unknown engine '{name}'; expected one of: {', '.join(ENGINES)}", field="--engine")
    if name == "dask":
        return DaskEngine(jobs, scheduler)
    if scheduler:
        raise AuditorError("--scheduler needs --engine dask", field="--scheduler")
    return LocalEngine(jobs)
