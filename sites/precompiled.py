"""The queries a visitor's request makes every time, turned into SQL once per process.

A page rendered afresh after a publication asks the database five things (its space, its address,
the page, the menu, the card's image). On models translated into five languages (a page has some
fifty columns) Django spends longer building and compiling each queryset (0.5 to 1.5 ms) than the
database spends answering it (0.3 to 0.4 ms), and PostgreSQL spends longer planning it than
running it. Here a query's SQL is compiled once for its shape, with stand-in values, and run again
with each request's values, as a statement PostgreSQL keeps prepared on the connection (planned
once); its rows become model instances as Django's own iterable makes them (the same converters,
``select_related`` objects and annotations). Every query still goes through a cursor wrapped like
Django's: it is counted and its errors are Django's.

``run(shape, build, *values)``: ``build(*values)`` returns the queryset; it may depend on nothing
but its values and what ``shape`` names (a model, how many values...). Values are ints and strings
that reach the SQL unchanged, or, for a string, inside a LIKE pattern (``__startswith``).
"""

from collections.abc import Callable
from dataclasses import dataclass

import psycopg
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators

# Stand-ins no real value equals: an int far above any id or depth (yet in any integer column's
# range, or Django would simplify the lookup away), a string no address contains.
_INT_STAND_IN = 1_987_654_000
_STR_STAND_IN = "\x1fsocle-value-{}\x1f"


@dataclass(frozen=True)
class _Compiled:
    sql: str
    # Per parameter: (fixed value, None), or (None, (index of the value, the type it was adapted
    # to or the LIKE pattern it was put in)).
    params: tuple
    converters: dict
    model: type
    model_columns: slice
    init_list: list[str]
    populators: list
    annotations: dict[str, int]


_compiled: dict[tuple, _Compiled] = {}
# psycopg prepares a statement run this many times on a connection, or at once when asked.
_PREPARE_WHEN_ASKED = 1_000_000


def run(shape: tuple, build: Callable[..., QuerySet], *values, using: str = DEFAULT_DB_ALIAS) -> list:
    """The model instances ``build(*values)`` would return, from SQL compiled once for ``shape``."""
    key = (shape, tuple(type(value) for value in values), using)
    compiled = _compiled.get(key)
    if compiled is None:
        compiled = _compiled[key] = _compile(build, values, using)
    connection = connections[using]
    params = [_param(connection, fixed, slot, values) for fixed, slot in compiled.params]
    with _cursor(connection) as cursor:
        cursor.execute(compiled.sql, params)
        rows = cursor.fetchall()
    objects = []
    for row in rows:
        if compiled.converters:
            row = _converted(row, compiled.converters, connection)
        obj = compiled.model.from_db(using, compiled.init_list, row[compiled.model_columns])
        for populator in compiled.populators:
            populator.populate(row, obj)
        for name, position in compiled.annotations.items():
            setattr(obj, name, row[position])
        objects.append(obj)
    return objects


def _cursor(connection):
    """A cursor of the connection, wrapped like ``connection.cursor()`` (errors, execute wrappers);
    on PostgreSQL one that prepares its statements, unless queries are being logged (``DEBUG``, a
    test capturing them): Django logs the text of a statement its own cursors sent, not of a
    prepared one."""
    if connection.vendor != "postgresql" or connection.queries_logged:
        return connection.cursor()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    if connection.connection.prepare_threshold is None:
        # Django turns preparing off (for connection poolers); its cursors never prepare anyway,
        # these prepare when they ask (a pooler in transaction mode needs PgBouncer ≥ 1.21 for them).
        connection.connection.prepare_threshold = _PREPARE_WHEN_ASKED
    return connection.make_cursor(_PreparedCursor(connection.connection))


class _PreparedCursor(psycopg.Cursor):
    """Sends its values apart from the statement, which PostgreSQL keeps prepared on the connection.

    Planning these statements (joins over tables of some fifty columns) costs PostgreSQL several
    times what running them does: a prepared statement is planned once per connection. Django's own
    cursors send values inside the statement's text, which can never be prepared; only these are.
    """

    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=True if prepare is None else prepare, binary=binary)


def _converted(row, converters: dict, connection) -> list:
    row = list(row)
    for position, (functions, expression) in converters.items():
        value = row[position]
        for function in functions:
            value = function(value, expression, connection)
        row[position] = value
    return row


def _param(connection, fixed, slot, values):
    if slot is None:
        return fixed
    index, made = slot
    if isinstance(made, str):  # a LIKE pattern around the value
        return made.replace(_stand_in(str, index), connection.ops.prep_for_like_query(values[index]))
    return made(values[index])  # as the database backend adapted it (psycopg's Int4...)


def _stand_in(kind: type, index: int):
    if kind is int:
        return _INT_STAND_IN - index
    if kind is str:
        return _STR_STAND_IN.format(index)
    raise TypeError(f"A precompiled query takes ints and strings, not {kind.__name__}")


def _compile(build, values, using) -> _Compiled:
    stand_ins = [_stand_in(type(value), index) for index, value in enumerate(values)]
    queryset = build(*stand_ins).using(using)
    compiler = queryset.query.get_compiler(using=using)
    sql, raw_params = compiler.as_sql()
    params, found = [], set()
    for param in raw_params:
        slot = _slot(param, stand_ins)
        params.append((param, None) if slot is None else (None, slot))
        if slot is not None:
            found.add(slot[0])
    if missing := set(range(len(values))) - found:
        raise ValueError(f"Values {sorted(missing)} do not reach the query's SQL unchanged: they cannot be precompiled")
    select, klass_info = compiler.select, compiler.klass_info
    first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    return _Compiled(
        sql=sql,
        params=tuple(params),
        converters=compiler.get_converters([column[0] for column in select[: compiler.col_count]]),
        model=klass_info["model"],
        model_columns=slice(first, last),
        init_list=[column[0].target.attname for column in select[first:last]],
        populators=get_related_populators(klass_info, select, using),
        annotations=dict(compiler.annotation_col_map or {}),
    )


def _slot(param, stand_ins):
    for index, stand_in in enumerate(stand_ins):
        if isinstance(stand_in, int) and isinstance(param, int) and not isinstance(param, bool):
            if param == stand_in:
                return index, type(param)
        elif isinstance(stand_in, str) and isinstance(param, str) and stand_in in param:
            return index, (str if param == stand_in else param)
    return None
