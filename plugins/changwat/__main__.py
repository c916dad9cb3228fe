"""python -m changwat: the changwat command (changwat.cli)."""
import sys

from changwat.cli import main

sys.exit(main())
