"""Files: which files under the root are candidates, and reading them safely (no link
out of the root followed, no file that changed under us read)."""
