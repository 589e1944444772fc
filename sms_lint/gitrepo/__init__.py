"""Git as the record of documented information: the repository, its history, a base revision.

git runs as a subprocess with the protections of :mod:`sms_lint.gitrepo.sandbox` (no GitPython).
"""
