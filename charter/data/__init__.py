"""Data collections: records, their filter language and query engine (seed 000, seed 004)."""
