"""``manage.py sync_status``: what the network still owes each space, what failed, what was skipped."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q

from sites.spaces.models import Space
from sites.sync.models import Change, Delivery


class Command(BaseCommand):
    help = (
        "Show the delivery state of shared changes: pending, delivered, failed and skipped (the space closed "
        "or was deleted), per change and space."
    )

    def add_arguments(self, parser):
        parser.add_argument("--space", help="Only this space (its slug; a deleted space's too).")
        parser.add_argument("--all", action="store_true", help="Also list changes delivered everywhere.")
        parser.add_argument("--errors", type=int, default=20, help="How many failed and skipped deliveries to detail.")

    def handle(self, *args, space=None, all=False, errors=20, **options):
        deliveries = Delivery.objects.all()
        if space:
            deliveries = deliveries.filter(Q(space__slug=space) | Q(space__isnull=True, space_slug=space))
            if not Space.objects.filter(slug=space).exists() and not deliveries.exists():
                raise CommandError(f"No space has the slug {space!r}, and no delivery remembers one that had.")

        undispatched = Change.objects.filter(dispatched_at__isnull=True).count()
        if undispatched:
            self.stdout.write(self.style.WARNING(f"{undispatched} change(s) not yet handed to the broker"))
        never_handed = deliveries.filter(state=Delivery.State.PENDING, enqueued_at__isnull=True).count()
        if never_handed:
            self.stdout.write(self.style.WARNING(f"{never_handed} pending delivery(ies) not yet handed to the broker"))

        per_change = (
            deliveries.values("change_id", "change__kind", "change__created_at")
            .annotate(
                pending=Count("pk", filter=Q(state=Delivery.State.PENDING)),
                delivered=Count("pk", filter=Q(state=Delivery.State.DELIVERED)),
                failed=Count("pk", filter=Q(state=Delivery.State.FAILED)),
                skipped=Count("pk", filter=Q(state=Delivery.State.SKIPPED)),
            )
            .order_by("change_id")
        )
        shown = 0
        for row in per_change.iterator():
            if not all and not (row["pending"] or row["failed"]):
                continue
            shown += 1
            self.stdout.write(
                f"change {row['change_id']} {row['change__kind']} ({row['change__created_at']:%Y-%m-%d %H:%M}): "
                f"{row['delivered']} delivered, {row['pending']} pending, {row['failed']} failed, "
                f"{row['skipped']} skipped"
            )
        if not shown:
            self.stdout.write(self.style.SUCCESS("Every change is delivered to every space."))

        failed = deliveries.filter(state=Delivery.State.FAILED).select_related("space")
        for delivery in failed.order_by("-change_id")[:errors]:
            self.stdout.write(
                self.style.ERROR(
                    f"  failed: change {delivery.change_id} → {describe(delivery)} after {delivery.attempts} "
                    f"attempts: {delivery.last_error}"
                )
            )
        skipped = deliveries.filter(state=Delivery.State.SKIPPED).select_related("space")
        for delivery in skipped.order_by("-change_id")[:errors]:
            self.stdout.write(
                f"  skipped: change {delivery.change_id} → {describe(delivery)}: {delivery.get_skip_reason_display()}"
            )


def describe(delivery: Delivery) -> str:
    """The space's slug and name, kept on the delivery once the space is deleted."""
    if delivery.space is not None:
        return f"{delivery.space.slug} ({delivery.space.name})"
    return f"{delivery.space_slug or '?'} ({delivery.space_name or '?'}, deleted)"
