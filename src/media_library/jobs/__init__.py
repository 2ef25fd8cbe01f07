"""Durable jobs: the handler contract (``base``), the registry of handlers by kind, the worker
pool that claims and runs them, and the scheduler that queues periodic ones."""
