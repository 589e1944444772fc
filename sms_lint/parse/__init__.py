"""Parsing: bytes -> text -> front matter -> YAML data with positions, and every
problem as a finding with its line (never an exception)."""
