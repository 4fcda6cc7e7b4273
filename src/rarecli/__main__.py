"""`python -m rarecli` runs the same CLI as the `rarecli` command."""

from rarecli.entry import main

if __name__ == "__main__":
    main()
