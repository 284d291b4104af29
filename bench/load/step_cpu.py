"""With LOAD_STEP_CPU_LOG set (bench/load/load_settings.py), each request's CPU milliseconds in the web process and its
number of queries, one line per request in that file (one file per worker): `<view name> <cpu ms> <queries>`. Read by
bench/load/cpu_split.py --steps, to see which page of a journey (or of the mixed run) spends the web CPU, and how much
of it goes to kept pages' first renderings."""

import os
import time

from django.db import connection

LOG = os.environ.get("LOAD_STEP_CPU_LOG", "")


class StepCpuMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.out = open(f"{LOG}.{os.getpid()}", "a", buffering=1)  # noqa: SIM115 (one per worker, for its life)

    def __call__(self, request):
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        started = time.process_time()
        with connection.execute_wrapper(count):
            response = self.get_response(request)
        cpu_ms = (time.process_time() - started) * 1000
        match = request.resolver_match
        self.out.write(f"{match.view_name if match else request.path} {cpu_ms:.2f} {queries}\n")
        return response
