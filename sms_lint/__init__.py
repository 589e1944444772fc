"""sms-lint: check an ISO/IEC 20000-1 service management system kept as files in git."""

__version__ = "0.1.0"
