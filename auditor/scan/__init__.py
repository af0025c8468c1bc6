"""The training-data scan: traces of model outputs in the data itself.

Flow: plan (files -> tasks) -> engine (local processes or Dask) runs
``work.run_task`` on each task (reader -> hyperscan prefilter -> decode only
candidate rows -> confirm patterns and voice) -> per-file merge -> verdict ->
report dict (``auditor.scan/v1``) -> renderers.  ``run.scan`` is the entry point.
"""

ENGINES = ("local", "dask")  # where a scan can run (engines.py implements each; --engine offers these)
