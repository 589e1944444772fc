"""Schemas: validate each artifact against its kind's JSON Schema, word the violations,
and prune what the schema rejects from the data the rules see."""
