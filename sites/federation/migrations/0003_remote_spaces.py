import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('federation', '0002_link_pull_cursor'),
    ]

    operations = [
        migrations.CreateModel(
            name='RemoteSpace',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('hostname', models.CharField(max_length=255, verbose_name='hostname')),
                ('slug', models.SlugField(max_length=60, verbose_name='slug')),
                ('name', models.CharField(max_length=120, verbose_name='name')),
                ('name_fr', models.CharField(max_length=120, null=True, verbose_name='name')),
                ('name_en', models.CharField(max_length=120, null=True, verbose_name='name')),
                ('name_ru', models.CharField(max_length=120, null=True, verbose_name='name')),
                ('name_hi', models.CharField(max_length=120, null=True, verbose_name='name')),
                ('name_kn', models.CharField(max_length=120, null=True, verbose_name='name')),
                ('city', models.CharField(blank=True, max_length=120, verbose_name='city')),
                ('city_fr', models.CharField(blank=True, max_length=120, null=True, verbose_name='city')),
                ('city_en', models.CharField(blank=True, max_length=120, null=True, verbose_name='city')),
                ('city_ru', models.CharField(blank=True, max_length=120, null=True, verbose_name='city')),
                ('city_hi', models.CharField(blank=True, max_length=120, null=True, verbose_name='city')),
                ('city_kn', models.CharField(blank=True, max_length=120, null=True, verbose_name='city')),
                ('country', models.CharField(blank=True, max_length=2, verbose_name='country')),
                ('time_zone', models.CharField(max_length=64, verbose_name='time zone')),
                ('languages', models.JSONField(default=list, verbose_name='languages')),
                ('home_url', models.URLField(blank=True, verbose_name='address')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('link', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='spaces', to='federation.link', verbose_name='linked install')),
            ],
            options={
                'verbose_name': 'space of a linked install',
                'verbose_name_plural': 'spaces of linked installs',
                'ordering': ['slug'],
                'constraints': [models.UniqueConstraint(fields=('link', 'hostname'), name='one_remote_space_per_hostname')],
            },
        ),
    ]
