"""The admin login: password for everyone, plus a TOTP code for staff who have set one up."""

from __future__ import annotations

from django import forms
from django_otp import devices_for_user, user_has_device
from django_otp.admin import OTPAdminAuthenticationForm


class StaffLoginForm(OTPAdminAuthenticationForm):
    """Two-factor is optional: a user with a confirmed device must give a current code.

    A user without one logs in with the password alone, so the newsroom keeps working while
    staff enrol one by one (Admin > TOTP devices). The code is checked only after the
    password, so it tells a guesser nothing about accounts they cannot open.
    """

    otp_token = forms.CharField(
        required=False,
        label="Authentication code",
        help_text="Only if you have set up two-factor authentication.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean(self):
        self.cleaned_data = super(OTPAdminAuthenticationForm, self).clean()
        user = self.get_user()
        if user is not None and user_has_device(user, confirmed=True):
            self.clean_otp(user)
        return self.cleaned_data

    def _chosen_device(self, user):
        # Most staff have one authenticator: it needs no choosing. With several, the form
        # shows the device list after the first attempt (django-otp's _update_form).
        device = super()._chosen_device(user)
        if device is None and not self.cleaned_data.get("otp_device"):
            devices = list(devices_for_user(user, confirmed=True, for_verify=True))
            if len(devices) == 1:
                device = devices[0]
        return device
