"""The worker: what runs inside the Lambda (and, on one machine, inside the local workers).

Modules, by what they offer:

- `layout`: key builders and validation for the storage layout (sample keys, tar keys,
  job record, manifests, failure records) and `Range`.
- `records`: `JobRecord`, `Manifest`, `FailureRecord` with JSON (de)serialisation.
- `stores`: the `Store` interface, `S3Store`, `LocalStore`, `open_store(...)`.
- `tars`: shard tars as WebDataset shards: `ShardWriter`, and readers of either layout.
- `ledger`: `load_ledger(store, job_id, prefix)` -> present / missing / failed /
  failing / duplicated ranges per generator; range arithmetic; `covered_ranges` (what
  of a range is really done), `holders` (who owns which indices of a prefix), `verify`.
- `contract`: `parse_task(body, ...)` -> `Task`, or a `PermanentError` subclass.
- `config`: `Config.from_env()`, the environment variables the stack sets.
- `runner`: `ShardRunner`, samples on every CPU in child processes (`sample_child`).
- `shard`: `run_shard(task, store, config, ...)`, generation + upload + manifest.
- `handler`: `handler(event, context)`, the Lambda entry point.
- `obs`: JSON log lines and CloudWatch Embedded Metric Format.
- `local_poller`: plays Lambda's SQS event source on one machine.

Importing this package or `lambda_src.handler` imports no generator, boto3 or numpy.
"""
