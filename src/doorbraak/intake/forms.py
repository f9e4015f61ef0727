from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The largest file the upload page takes; the reverse proxy refuses larger requests first
# (client_max_body_size in docs/deployment.md). A workbook is held to `sources.limits` too.
MAX_UPLOAD = 200 * 1024 * 1024
UPLOAD_TOO_BIG = "bestand-te-groot"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Bestand (.csv of .xlsx, gepseudonimiseerd)"), allow_empty_file=True
    )
    dataset = forms.CharField(
        label=gettext_lazy("Gegevensset (leeg: afgeleid uit de bestandsnaam)"),
        required=False,
        max_length=80,
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Proefaanlevering: alleen controleren, niets opslaan"), required=False
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_UPLOAD:
            raise forms.ValidationError(
                _(
                    "Het bestand is %(size)s MiB; de upload neemt hoogstens %(most)s MiB aan. "
                    "Lever de gegevens in delen aan, of vraag de beheerder om `doorbraak import`."
                ),
                code=UPLOAD_TOO_BIG,
                params={"size": (upload.size or 0) >> 20, "most": MAX_UPLOAD >> 20},
            )
        return upload
