"""Git as the record of documented information: the repository, its history, a base revision.

Nothing in this package imports GitPython at module level (see :mod:`sms_lint.gitrepo.repo`).
"""
