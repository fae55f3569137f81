import sys

from gxcheck.cli import main

sys.exit(main())
