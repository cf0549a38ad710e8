"""Where documents come from (files, folders, archives, stdin) and how their bytes become text."""
