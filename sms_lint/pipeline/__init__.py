"""The check itself, stage by stage: setup, the per-file stage (read, parse, validate),
the cross-file rules, folding and waivers (see docs/architecture.md)."""
