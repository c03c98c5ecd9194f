"""DuckLake as the warehouse: the catalog in PostgreSQL, the data as Parquet files.

Several machines can then load and query one warehouse: each run is one DuckLake transaction,
published as one snapshot or not at all, and readers see whole runs only. The tables are the
DuckDB warehouse's, column for column, less what DuckLake does not keep (primary keys, unique
and check constraints); the load SQL is the same. The extensions come from the pinned
`duckdb-extension-ducklake` and `duckdb-extension-postgres` packages: nothing is downloaded.
"""
from __future__ import annotations

import contextlib
from pathlib import Path

import duckdb
import duckdb_extension_ducklake
import duckdb_extension_postgres

from flows import settings

ALIAS = "lake"
EXTENSIONS = {"ducklake": duckdb_extension_ducklake, "postgres": duckdb_extension_postgres}
# One row every run updates: DuckLake refuses the later of two concurrent commits that change the
# same row, so two machines can never interleave the key numbering of one run with another's.
WRITER_TABLE = "lake_writer"


def load_extensions(con: duckdb.DuckDBPyConnection) -> None:
    for name, package in EXTENSIONS.items():
        binary = next((Path(package.__file__).parent / "extensions").glob(f"v*/{name}.duckdb_extension"))
        con.execute(f"INSTALL '{binary}'")
        con.execute(f"LOAD {name}")


def attach(con: duckdb.DuckDBPyConnection, catalog: str, data_path: Path | None = None,
           read_only: bool = False) -> None:
    """Attach the lake as `lake` and make it the default catalog.

    `catalog` is DuckLake's metadata connection, "postgres:dbname=wirehouse host=127.0.0.1"."""
    load_extensions(con)
    options = ([f"DATA_PATH '{_quoted(str(data_path).rstrip('/') + '/')}'"] if data_path else []) + \
        (["READ_ONLY"] if read_only else [])
    con.execute(f"ATTACH '{_quoted('ducklake:' + catalog)}' AS {ALIAS}"
                + (f" ({', '.join(options)})" if options else ""))
    con.execute(f"USE {ALIAS}")


def _quoted(text: str) -> str:
    return text.replace("'", "''")


def _columns(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[str, list[tuple[str, str, bool]]]:
    """table -> [(column, type, nullable)] of the base tables of a catalog, in column order."""
    rows = con.execute("""
        SELECT c.table_name, c.column_name, c.data_type, c.is_nullable = 'YES'
        FROM information_schema.columns AS c
        JOIN information_schema.tables AS t USING (table_catalog, table_schema, table_name)
        WHERE c.table_catalog = ? AND c.table_schema = 'main' AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name, c.ordinal_position""", [catalog]).fetchall()
    tables: dict[str, list[tuple[str, str, bool]]] = {}
    for table, column, data_type, nullable in rows:
        tables.setdefault(table, []).append((column, data_type, nullable))
    return tables


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Give the lake every table and column of the DuckDB warehouse schema that it lacks."""
    from flows.load.warehouse import apply_schema as apply_warehouse_schema

    con.execute("ATTACH ':memory:' AS wirehouse_schema")
    con.execute("USE wirehouse_schema")
    apply_warehouse_schema(con)
    con.execute(f"USE {ALIAS}")
    wanted, present = _columns(con, "wirehouse_schema"), _columns(con, ALIAS)
    con.execute("DETACH wirehouse_schema")
    for table, columns in wanted.items():
        if table not in present:
            body = ", ".join(f'"{c}" {t}{"" if nullable else " NOT NULL"}' for c, t, nullable in columns)
            con.execute(f'CREATE TABLE "{table}" ({body})')
            continue
        have = {c for c, _, _ in present[table]}
        for column, data_type, _ in columns:
            if column not in have:
                con.execute(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {data_type}')
    con.execute(f"CREATE TABLE IF NOT EXISTS {WRITER_TABLE} (run_id VARCHAR, started_at TIMESTAMPTZ)")
    con.execute(f"INSERT INTO {WRITER_TABLE} SELECT NULL, NULL WHERE NOT EXISTS (SELECT 1 FROM {WRITER_TABLE})")


@contextlib.contextmanager
def session(catalog: str, data_path: Path | None, run_id: str, memory_limit: str | None = None):
    """A connection whose default catalog is the lake, inside one transaction: committed (one
    snapshot) when the block ends, rolled back if it raises."""
    con = duckdb.connect(config={"memory_limit": memory_limit or settings.current().duckdb_memory})
    try:
        attach(con, catalog, data_path)
        apply_schema(con)
        con.execute("BEGIN TRANSACTION")
        con.execute(f"UPDATE {WRITER_TABLE} SET run_id = ?, started_at = now()", [run_id])
        yield con
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
    finally:
        con.close()
