"""Configuration and the rule packs: .sms-lint.yaml -> Config, policies/*.yaml -> Framework
and Rule objects, and the rulebook that grades findings by both."""
