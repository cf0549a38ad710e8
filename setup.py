"""Builds the one compiled module, cleaner/_linefacts.pyx; everything else is in pyproject.toml.

The module is optional: where it cannot be built (no C compiler), the install still succeeds and
text mode runs the pure-Python line facts it mirrors, only slower.
"""

from Cython.Build import cythonize
from setuptools import Extension, setup

setup(ext_modules=cythonize([Extension("cleaner._linefacts", ["cleaner/_linefacts.pyx"], optional=True)]))
