import sys

from changwat.editor.cli import main

sys.exit(main())
