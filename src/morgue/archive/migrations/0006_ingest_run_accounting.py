from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("archive", "0005_unambiguous_location_keys")]

    operations = [
        migrations.AddField(model_name="ingestrun", name="pid", field=models.IntegerField(blank=True, null=True)),
        migrations.AddField(model_name="ingestrun", name="host", field=models.CharField(blank=True, default="", max_length=255)),
        migrations.AddField(model_name="ingestrun", name="stored", field=models.PositiveIntegerField(default=0)),
    ]
