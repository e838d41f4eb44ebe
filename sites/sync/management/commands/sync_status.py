"""``manage.py sync_status``: what the network still owes each space, and what failed."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q

from sites.spaces.models import Space
from sites.sync.models import Change, Delivery


class Command(BaseCommand):
    help = "Show the delivery state of shared changes: pending, delivered and failed, per change and space."

    def add_arguments(self, parser):
        parser.add_argument("--space", help="Only this space (its slug).")
        parser.add_argument("--all", action="store_true", help="Also list changes delivered everywhere.")
        parser.add_argument("--errors", type=int, default=20, help="How many failed deliveries to detail.")

    def handle(self, *args, space=None, all=False, errors=20, **options):
        deliveries = Delivery.objects.all()
        if space:
            if not Space.objects.filter(slug=space).exists():
                raise CommandError(f"No space has the slug {space!r}.")
            deliveries = deliveries.filter(space__slug=space)

        undispatched = Change.objects.filter(dispatched_at__isnull=True).count()
        if undispatched:
            self.stdout.write(self.style.WARNING(f"{undispatched} change(s) not yet handed to the broker"))

        per_change = (
            deliveries.values("change_id", "change__kind", "change__created_at")
            .annotate(
                pending=Count("pk", filter=Q(state=Delivery.State.PENDING)),
                delivered=Count("pk", filter=Q(state=Delivery.State.DELIVERED)),
                failed=Count("pk", filter=Q(state=Delivery.State.FAILED)),
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
                f"{row['delivered']} delivered, {row['pending']} pending, {row['failed']} failed"
            )
        if not shown:
            self.stdout.write(self.style.SUCCESS("Every change is delivered to every space."))

        failed = deliveries.filter(state=Delivery.State.FAILED).select_related("space", "change")
        for delivery in failed.order_by("-change_id")[:errors]:
            self.stdout.write(
                self.style.ERROR(
                    f"  failed: change {delivery.change_id} → {delivery.space.slug} after {delivery.attempts} "
                    f"attempts: {delivery.last_error}"
                )
            )
