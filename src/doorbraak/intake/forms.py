from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD = 200 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (.csv of .xlsx, gepseudonimiseerd)"), allow_empty_file=True
    )
    dataset = forms.CharField(
        label=_("Gegevensset (leeg: afgeleid uit de bestandsnaam)"), required=False, max_length=80
    )
    dry_run = forms.BooleanField(
        label=_("Proefaanlevering: alleen controleren, niets opslaan"), required=False
    )
