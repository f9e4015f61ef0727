// After django-otp-webauthn has registered a security key, load the page again: the second
// step then lets the user through, and the key list shows the new key. (A static file: the
// Content-Security-Policy allows no inline script.)
document.addEventListener("otp_webauthn.register_complete", () => {
  window.location.reload();
});
