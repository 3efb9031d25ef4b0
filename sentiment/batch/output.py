"""The scored file, written a block at a time under a temporary name and renamed when complete: an
interrupted or failed run leaves no file that looks finished (``.partial`` names an unfinished one).

CSV is UTF-8 with a BOM (for Excel), text cells defused against formula injection as in the page's
download; Parquet keeps the input's types (a Parquet input's included).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from sentiment.data.formulas import defused
from sentiment.data.messages import InputError

TYPES = (".csv", ".parquet")


def partial_path(path: Path) -> Path:
    """Where ``path`` is written until it is complete."""
    return path.with_name(f".{path.name}.partial")


def metrics_path(path: Path) -> Path:
    """The label metrics beside the output: ``out.csv`` → ``out.metrics.json``."""
    return path.with_suffix(".metrics.json")


class Output:
    """A context manager: ``write`` each block in order; on a clean exit the file takes its name, on
    an exception (KeyboardInterrupt included) the partial file is removed."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        extension = self.path.suffix.lower()
        if extension not in TYPES:
            raise InputError("unsupported_output", name=self.path.name, extension=repr(extension or "(none)"))
        self.parquet = extension == ".parquet"
        self.partial = partial_path(self.path)
        self._handle = self._writer = self._schema = None

    def __enter__(self) -> Output:
        if not self.parquet:
            self._handle = open(self.partial, "w", encoding="utf-8-sig", newline="")
        return self

    def write(self, table: pd.DataFrame) -> None:
        if self.parquet:
            self._write_parquet(table)
        else:
            text = table.apply(
                lambda c: c.map(defused) if c.dtype == object or pd.api.types.is_string_dtype(c) else c
            )
            text.to_csv(self._handle, header=self._handle.tell() == 0, index=False)

    def _write_parquet(self, table: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        arrow = pa.Table.from_pandas(table, schema=self._schema, preserve_index=False)
        if self._writer is None:
            self._schema = arrow.schema
            self._writer = pq.ParquetWriter(self.partial, self._schema)
        self._writer.write_table(arrow)

    def __exit__(self, kind, value, traceback) -> None:
        for closable in (self._handle, self._writer):
            if closable is not None:
                closable.close()
        if kind is None:
            if self._writer is None and self.parquet:  # no block at all: an empty file is not Parquet
                raise InputError("empty_file", name=self.path.name)
            os.replace(self.partial, self.path)
        else:
            self.partial.unlink(missing_ok=True)


def write_json(path: Path, content: dict) -> None:
    """``content`` as JSON at ``path``, through a temporary name as the output."""
    partial = partial_path(path)
    partial.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(partial, path)
