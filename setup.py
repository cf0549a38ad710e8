"""Builds the compiled modules: every cleaner/**/*.pyx; everything else is in pyproject.toml.

Each mirrors a pure-Python hot loop of text mode (its docstring names which) and is optional: where
one cannot be built (no C compiler), the install still succeeds and text mode runs the Python code it
mirrors, with the same results, only slower.
"""

from pathlib import Path

from Cython.Build import cythonize
from setuptools import Extension, setup

SOURCES = sorted(Path("cleaner").rglob("*.pyx"))

setup(
    ext_modules=cythonize(
        [Extension(".".join(source.with_suffix("").parts), [str(source)], optional=True) for source in SOURCES]
    )
)
