from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('federation', '0003_remote_spaces'),
    ]

    operations = [
        migrations.AddField(
            model_name='remotespace',
            name='report',
            field=models.JSONField(blank=True, default=dict, verbose_name='status report'),
        ),
        migrations.AddField(
            model_name='remotespace',
            name='reported_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='reported'),
        ),
        migrations.AddField(
            model_name='remotespace',
            name='status',
            field=models.CharField(blank=True, max_length=10, verbose_name='status'),
        ),
    ]
