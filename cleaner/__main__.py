"""`python -m cleaner`: the same command as `clean`."""

from cleaner.cli import main

if __name__ == "__main__":
    main(prog_name="clean")
