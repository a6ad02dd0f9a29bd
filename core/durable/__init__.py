"""Background work that survives its worker: heartbeats, a sweeper for interrupted tasks,
retries with backoff and periodic jobs, on top of django-tasks-db's database queue.

django-tasks-db claims a task by marking it RUNNING and has no lease: a worker killed mid-task
leaves the row RUNNING for ever, and a failed task is never tried again. This package keeps the
library's queue, models and claiming (`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL) and adds
what it lacks, in the worker that `manage.py db_worker` now runs (core/durable/worker.py).
"""
