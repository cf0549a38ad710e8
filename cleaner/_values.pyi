"""Types of the compiled module cleaner/_values.pyx (see its docstring)."""

from typing import Any, TypeVar

_Value = TypeVar("_Value")

def many(cls: type[_Value], slots: list[Any], columns: list[list[Any]]) -> list[_Value]: ...
