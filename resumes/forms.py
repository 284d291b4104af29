from django import forms
from django.utils.translation import gettext_lazy as _

from resumes.models import Application
from resumes.services import MAX_MESSAGE_LENGTH

# The self-introduction's sections on the form: the four usual ones and one the seeker names.
SECTION_COUNT = 5


class ResumeForm(forms.Form):
    title = forms.CharField(
        label=_("Title of this version"),
        max_length=80,
        help_text=_("Only you and your counselor see it, for example “For production jobs”."),
    )

    def __init__(self, *args, introduction: list[dict] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        introduction = list(introduction or [])
        for index in range(SECTION_COUNT):
            section = introduction[index] if index < len(introduction) else {"heading": "", "body": ""}
            self.fields[f"heading_{index}"] = forms.CharField(
                label=_("Section %(number)d: heading") % {"number": index + 1},
                max_length=60,
                required=False,
                initial=section["heading"],
            )
            self.fields[f"body_{index}"] = forms.CharField(
                label=_("Section %(number)d: text") % {"number": index + 1},
                max_length=3000,
                required=False,
                initial=section["body"],
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def sections(self):
        """(heading field, text field) pairs, for the template."""
        return [(self[f"heading_{index}"], self[f"body_{index}"]) for index in range(SECTION_COUNT)]

    def introduction(self) -> list[dict]:
        return [
            {"heading": self.cleaned_data[f"heading_{index}"], "body": self.cleaned_data[f"body_{index}"]}
            for index in range(SECTION_COUNT)
        ]


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment for the job seeker"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ApplicationForm(forms.Form):
    resume = forms.ModelChoiceField(
        label=_("Résumé to send"), queryset=None, widget=forms.RadioSelect, empty_label=None
    )
    message = forms.CharField(
        label=_("Short message to the employer"),
        max_length=MAX_MESSAGE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. For example when you could start, or why this job suits you."),
    )
    consent = forms.BooleanField(
        label=_("I agree to give the résumé I chose to this employer, as explained above."),
        required=False,  # the service refuses without it, with its own message
    )

    def __init__(self, *args, resumes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resume"].queryset = resumes
        self.fields["resume"].label_from_instance = lambda resume: resume.title
        if len(resumes) == 1:  # one résumé: nothing to choose
            self.fields["resume"].initial = resumes[0].pk

    def clean_consent(self) -> bool:
        # The service refuses too; asked here as well so that every missing answer shows at once.
        if not self.cleaned_data.get("consent"):
            raise forms.ValidationError(
                _("Agree to give your résumé to this employer; without it the application cannot be sent.")
            )
        return True


class OpinionForm(forms.Form):
    opinion = forms.ChoiceField(label=_("Your opinion"), choices=Application.Opinion.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note for the job seeker"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
