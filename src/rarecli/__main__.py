"""`python -m rarecli` runs the same CLI as the `rarecli` command."""

from rarecli.cli import main

if __name__ == "__main__":
    main()
