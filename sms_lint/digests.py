"""BLAKE2b, the hash of sms-lint's caches, without importing :mod:`hashlib`.

``hashlib`` loads and initialises OpenSSL when imported (some 2.5 ms, a tenth of what a warm
pre-commit run spends in sms-lint's own code), yet its ``blake2b`` is always CPython's built-in
``_blake2.blake2b``: hashlib never takes BLAKE2 from OpenSSL. So that is imported directly.
"""

from _blake2 import blake2b

__all__ = ["blake2b"]
