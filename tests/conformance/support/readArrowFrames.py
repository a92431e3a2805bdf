"""Reads Arrow IPC *file* frames with Arrow C++ (pyarrow), a second implementation besides apache-arrow JS.

Grafana's Go SDK reads each frame with ipc.NewFileReader; Arrow C++ follows the same specification, so a frame it
rejects or reads differently would be suspect in Grafana too. Usage: python readArrowFrames.py <frame file>...
Prints one JSON object per frame on stdout (a list).
"""
import json
import sys

import pyarrow as pa
import pyarrow.ipc as ipc


def describe(path):
    with open(path, "rb") as f:
        reader = ipc.open_file(f)  # the random-access file format only; the stream format raises here
        table = reader.read_all()
        batches = reader.num_record_batches
    table.validate(full=True)
    fields = []
    for i, field in enumerate(table.schema):
        column = table.column(i)
        if pa.types.is_timestamp(field.type):
            # Raw int64 storage, as Go reads it (time.Unix(0, v)).
            values = column.cast(pa.int64()).to_pylist()
        else:
            values = column.to_pylist()
        fields.append(
            {
                "name": field.name,
                "type": str(field.type),
                "nullable": field.nullable,
                "metadata": {k.decode(): v.decode() for k, v in (field.metadata or {}).items()},
                "nullCount": column.null_count,
                "first": values[0] if values else None,
                "last": values[-1] if values else None,
            }
        )
    return {
        "metadata": {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()},
        "rows": table.num_rows,
        "recordBatches": batches,
        "fields": fields,
    }


if __name__ == "__main__":
    json.dump([describe(p) for p in sys.argv[1:]], sys.stdout)
