"""``manage.py sync_redeliver``: deliver again what is pending or failed, with progress."""

from django.core.management.base import BaseCommand, CommandError

from sites.sync import engine
from sites.sync.models import Change, Delivery


class Command(BaseCommand):
    help = (
        "Deliver pending (and with --failed, failed) changes to their spaces, here and now with progress, "
        "or with --enqueue through the workers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--change", type=int, help="Only this change (its number, see sync_status).")
        parser.add_argument("--space", help="Only this space (its slug).")
        parser.add_argument("--failed", action="store_true", help="Also retry failed deliveries, from scratch.")
        parser.add_argument("--enqueue", action="store_true", help="Hand the batches to the workers instead.")

    def handle(self, *args, change=None, space=None, failed=False, enqueue=False, **options):
        if change is not None and not Change.objects.filter(pk=change).exists():
            raise CommandError(f"No change has the number {change}.")
        for change_id in Change.objects.filter(dispatched_at__isnull=True).values_list("pk", flat=True):
            if change is None or change == change_id:
                if enqueue:
                    engine.fan_out(change_id)
                else:
                    engine.create_deliveries(change_id)

        deliveries = Delivery.objects.exclude(space=None)  # a deleted space's deliveries are history
        if change is not None:
            deliveries = deliveries.filter(change_id=change)
        if space:
            deliveries = deliveries.filter(space__slug=space)
        if failed:
            deliveries.filter(state=Delivery.State.FAILED).update(state=Delivery.State.PENDING, attempts=0)
        pending = deliveries.filter(state=Delivery.State.PENDING)

        by_change: dict[int, list[int]] = {}
        for change_id, space_id in pending.values_list("change_id", "space_id").order_by("change_id", "space_id"):
            by_change.setdefault(change_id, []).append(space_id)
        total = sum(len(ids) for ids in by_change.values())
        if not total:
            self.stdout.write(self.style.SUCCESS("Nothing to deliver."))
            return

        done = errors = 0
        size = engine.batch_size()
        for change_id, space_ids in by_change.items():
            if enqueue:
                handed = engine.enqueue_batches(change_id, space_ids)
                done += handed
                self.stdout.write(f"[{done}/{total}] handed to the workers (change {change_id})")
                if handed < len(space_ids):
                    raise CommandError(
                        f"The broker refused {len(space_ids) - handed} deliveries of change {change_id}: is it "
                        "running? The re-dispatcher will hand them over once it answers."
                    )
                continue
            for start in range(0, len(space_ids), size):
                batch = space_ids[start : start + size]
                try:
                    engine.deliver_batch(change_id, batch)
                except Exception as error:  # reported, recorded on the deliveries, and the run goes on
                    errors += len(batch)
                    self.stderr.write(f"  change {change_id}: {len(batch)} space(s) failed: {error}")
                done += len(batch)
                self.stdout.write(f"[{done}/{total}] change {change_id}")
        if errors:
            raise CommandError(f"{errors} of {total} deliveries failed; see sync_status.")
        self.stdout.write(self.style.SUCCESS(f"{total} deliveries done."))
