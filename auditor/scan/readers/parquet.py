"""Parquet, one row group per task (pyarrow, imported only when a Parquet file is read).

Row groups are Parquet's own unit of independent reading, so they are the natural
split: memory is bounded by one row group's text columns, and a large file spreads
over every worker.  Only string-bearing columns are read (or those --fields names).
"""

from __future__ import annotations

from auditor.scan.readers.interface import Reader, Sink, Task


def _texty(arrow_type) -> bool:
    import pyarrow as pa

    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return True
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return _texty(arrow_type.value_type)
    if pa.types.is_struct(arrow_type):
        return any(_texty(arrow_type.field(i).type) for i in range(arrow_type.num_fields))
    return False


class ParquetReader(Reader):
    def plan(self, file: int, path: str, gzip: bool, size: int, part_bytes: int) -> list[Task]:
        import pyarrow.parquet as pq

        try:
            groups = pq.ParquetFile(path).num_row_groups
        except OSError:
            raise
        except Exception as exc:  # pyarrow's ArrowInvalid and friends: a broken file
            raise ValueError(f"not a readable Parquet file ({exc})") from None
        return [Task(file, path, "parquet", False, i, i + 1, i) for i in range(max(groups, 1))]

    def scan(self, task: Task, sink: Sink) -> None:
        import pyarrow.parquet as pq

        try:
            source = pq.ParquetFile(task.path)
            if source.num_row_groups == 0:
                return
            columns = [f.name for f in source.schema_arrow if _texty(f.type)]
            table = source.read_row_group(task.start, columns=columns)
        except OSError:
            raise
        except Exception as exc:
            sink.error(None, f"row group {task.start + 1} cannot be read ({exc})")
            return
        sink.rows(table.num_rows)
        for index, record in enumerate(table.to_pylist(), start=1):
            sink.row(index, record)
