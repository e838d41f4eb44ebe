"""The network's playbook for opening a space, each space's launch checklist, and its lifecycle.

Coordinators keep the playbook (stages and steps, written French first and translated); opening a
space copies the playbook's steps into its checklist, so a later change to the playbook leaves the
spaces already opened with the steps they were given.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class OwnerRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Network coordinators")
    MODERATOR = "moderator", _("The space's moderators")
    EDITOR = "editor", _("The space's editors")


class Stage(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=120)

    panels = [FieldPanel("slug"), FieldPanel("title"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("playbook stage")
        verbose_name_plural = _("playbook stages")
        ordering = ["sort_order", "slug"]

    def __str__(self) -> str:
        return self.title


class Step(models.Model):
    stage = models.ForeignKey(Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="steps")
    slug = models.SlugField(_("slug"), max_length=60)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    owner_role = models.CharField(
        _("suggested owner"), max_length=20, choices=OwnerRole.choices, default=OwnerRole.MODERATOR
    )

    panels = [
        FieldPanel("stage"),
        FieldPanel("slug"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("owner_role"), FieldPanel("sort_order")]),
    ]

    class Meta:
        verbose_name = _("playbook step")
        verbose_name_plural = _("playbook steps")
        ordering = ["stage__sort_order", "sort_order", "slug"]
        constraints = [models.UniqueConstraint(fields=["stage", "slug"], name="one_step_slug_per_stage")]

    def __str__(self) -> str:
        return self.title


class ChecklistStep(models.Model):
    """A step of one space's launch checklist: a copy of the playbook's step as it was at opening."""

    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        DOING = "doing", _("In progress")
        DONE = "done", _("Done")
        SKIPPED = "skipped", _("Not needed here")

    space = models.ForeignKey(
        "spaces.Space", verbose_name=_("space"), on_delete=models.CASCADE, related_name="checklist"
    )
    source = models.ForeignKey(
        Step, verbose_name=_("playbook step"), null=True, blank=True, editable=False, on_delete=models.SET_NULL
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0, editable=False)
    stage_title = models.CharField(_("stage"), max_length=120, editable=False)
    title = models.CharField(_("title"), max_length=160, editable=False)
    description = models.TextField(_("description"), blank=True, editable=False)
    owner_role = models.CharField(
        _("suggested owner"), max_length=20, choices=OwnerRole.choices, default=OwnerRole.MODERATOR, editable=False
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="checklist_steps",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.TODO)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        # Its admin's menu item, title and breadcrumbs all say the plural.
        verbose_name = _("launch checklist step")
        verbose_name_plural = _("launch checklist steps")
        ordering = ["space", "sort_order"]
        constraints = [models.UniqueConstraint(fields=["space", "source"], name="one_checklist_step_per_step")]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.SKIPPED)


class LifecycleChange(models.Model):
    """A space went from one status to another: who did it, when, and why (an override's reason)."""

    space = models.ForeignKey(
        "spaces.Space", verbose_name=_("space"), on_delete=models.CASCADE, related_name="lifecycle"
    )
    from_status = models.CharField(_("previous status"), max_length=10)
    to_status = models.CharField(_("new status"), max_length=10)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("lifecycle change")
        verbose_name_plural = _("lifecycle changes")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.space_id}: {self.from_status} → {self.to_status}"

    @property
    def to_status_label(self) -> str:
        from sites.spaces.models import Space

        return Space.Status(self.to_status).label
