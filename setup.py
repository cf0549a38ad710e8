"""Builds the compiled modules: every cleaner/**/*.py with a .pxd beside it; everything else is in
pyproject.toml.

Cython compiles the Python module itself (its pure-Python mode: the .pxd only declares types), so there is
one source. Each extension is optional: where it cannot be built (no C compiler) the install still
succeeds and the same module runs interpreted, with the same results, only slower.
"""

from pathlib import Path

from Cython.Build import cythonize
from setuptools import Extension, setup

FLAGS = ["-ffp-contract=off"]
SOURCES = sorted(pxd.with_suffix(".py") for pxd in Path("cleaner").rglob("*.pxd"))

setup(
    ext_modules=cythonize(
        [
            # No fused multiply-add: a sum of products must round as the interpreted module's does.
            Extension(".".join(source.with_suffix("").parts), [str(source)], optional=True, extra_compile_args=FLAGS)
            for source in SOURCES
        ],
        # Annotations are for mypy: a `float` parameter must not become a C double that refuses an int.
        compiler_directives={"language_level": 3, "annotation_typing": False},
    )
)
