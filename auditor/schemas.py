"""The version ids of what auditor reads and writes, each named once.

A reader and a writer of the same document must agree on its id: the baseline reader
accepts exactly what the JSON report writes, and every converted input is stamped
with the version the manifest model accepts.  Bump an id here and both sides move.
"""

from __future__ import annotations

MANIFEST_API_VERSION = "auditor/v1"  # the manifest's apiVersion (CONTRACT)
REPORT_SCHEMA = "auditor.report/v1"  # `audit check --format json`, read back by --baseline
SCAN_SCHEMA = "auditor.scan/v1"  # `audit scan --format json`
