"""`python -m cxmaturity.cli` runs the same CLI as `cxm`."""

from cxmaturity.cli.main import main

main()
