"""Prefect flows of tadasu: ingest, shard, normalize, write the datasets, the `tadasu` CLI.

The flow is `flows.flow.normalize_corpus` (imported lazily: `import flows` does not import Prefect).
"""
