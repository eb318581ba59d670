"""``python -m graphmodel.cli``: the ``graphmodel`` command."""

from . import main

main()
