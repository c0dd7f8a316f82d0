#!/usr/bin/python3
"""Executes a .NET Interactive notebook headless with nbclient (kernel `.net-csharp`) and writes the executed copy.

    /usr/bin/python3 examples/notebook/execute.py examples/notebook/theorycheck.ipynb OUT.ipynb

The kernel's working directory is the notebook's folder (the notebook's `#r` paths are relative to it). Exit 0 when
every cell ran without error; 1 with the failing cell's error otherwise.
"""
import os
import sys

import nbclient
import nbformat

source, target = sys.argv[1], sys.argv[2]
notebook = nbformat.read(source, as_version=4)
client = nbclient.NotebookClient(notebook, kernel_name=".net-csharp", timeout=900, startup_timeout=300,
                                 resources={"metadata": {"path": os.path.dirname(os.path.abspath(source))}})
try:
    client.execute()
except nbclient.exceptions.CellExecutionError as error:
    nbformat.write(notebook, target)
    print(str(error).splitlines()[-1] if str(error) else "a cell failed", file=sys.stderr)
    sys.exit(1)
nbformat.write(notebook, target)
