"""The result cache: content-keyed, outside the repository, every entry checked when
decoded."""
