"""Load the network's playbook from ``playbook/data/playbook.json`` into the database.

Idempotent: stages and steps are found by slug; one that exists is left as coordinators edited it.
"""

import json
from pathlib import Path

from django.db import transaction

from sites.spaces.languages import network_languages

from .models import OwnerRole, Stage, Step

DATA = Path(__file__).resolve().parent / "data" / "playbook.json"


class PlaybookDataError(ValueError):
    pass


def _texts(item: dict, key: str, where: str, required: bool = True) -> dict[str, str]:
    texts = item.get(key) or {}
    if required and not texts.get("fr"):
        raise PlaybookDataError(f"{where}.{key}: no French text")
    return {f"{key}_{code}": texts.get(code, "") for code in network_languages()}


@transaction.atomic
def load_playbook(path: Path = DATA) -> dict[str, int]:
    data = json.loads(path.read_text(encoding="utf-8"))
    created = {"stages": 0, "steps": 0}
    for stage_order, item in enumerate(data["stages"]):
        where = f"{path.name} stages[{item.get('slug')}]"
        stage, made = Stage.objects.get_or_create(
            slug=item["slug"], defaults={"sort_order": stage_order, **_texts(item, "title", where)}
        )
        created["stages"] += made
        for order, step in enumerate(item["steps"]):
            here = f"{where}.steps[{step.get('slug')}]"
            if step.get("owner") not in OwnerRole.values:
                raise PlaybookDataError(f"{here}.owner: one of {', '.join(OwnerRole.values)}")
            _step, made = Step.objects.get_or_create(
                stage=stage,
                slug=step["slug"],
                defaults={
                    "sort_order": order,
                    "owner_role": step["owner"],
                    **_texts(step, "title", here),
                    **_texts(step, "description", here, required=False),
                },
            )
            created["steps"] += made
    return created
