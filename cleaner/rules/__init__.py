"""The rule registry: boilerplate rules are data, loaded from the TOML files beside this module.

Each rule has a stable code (category prefix + number), a category, a one-line reason, a why, and
examples that must and must not match; a pattern rule has patterns, a structural rule is applied by
code that names it through :mod:`cleaner.rules.codes`. Users add rules in the same format
(``--rules FILE``) and pick them by code or prefix.
"""

from cleaner.rules import codes
from cleaner.rules.registry import RuleSet, builtin_rules
from cleaner.rules.schema import AnyRule, Pattern, Rule, RuleError, StructuralRule, load_rule_file, parse_rules

__all__ = [
    "AnyRule",
    "Pattern",
    "Rule",
    "RuleError",
    "RuleSet",
    "StructuralRule",
    "builtin_rules",
    "codes",
    "load_rule_file",
    "parse_rules",
]
