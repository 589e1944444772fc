"""Allow ``python -m sms_lint``."""

from sms_lint.cli import main

if __name__ == "__main__":
    main()
