"""perfctl: write, review and publish performance target tables (绩效目标表) kept as YAML."""

__version__ = "0.1.0"
