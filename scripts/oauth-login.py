#!/usr/bin/env python3
"""Gets the first OAuth2 refresh token for a mailer and writes it into its secret file.

Why a script: the mailer logs in to IMAP and SMTP with OAuth2 (mailer.imap.auth=xoauth2), which needs a
refresh token that only a person can grant, once, in a browser. This does that step and nothing else;
Python's standard library only, nothing to install.

  Microsoft 365 (device code: any browser, any device):
    python3 scripts/oauth-login.py microsoft --tenant praxis.onmicrosoft.com \
        --client-id 00000000-0000-0000-0000-000000000000 --out secrets/praxis_oauth_refresh_token
  Google (Gmail, Google Workspace: a browser on this PC; Google allows Gmail's scope in its device
  flow for no client, so the browser comes back to a page this script serves on 127.0.0.1):
    python3 scripts/oauth-login.py google --client-id 123-abc.apps.googleusercontent.com \
        --client-secret-file secrets/praxis_oauth_client_secret --out secrets/praxis_oauth_refresh_token

The token is written to --out only (mode 600), never printed. See docs/gmail.md and docs/microsoft365.md.
"""

import argparse
import base64
import hashlib
import http.server
import json
import os
import secrets
import socketserver
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import webbrowser

GOOGLE_AUTH = "https://accounts.google.com/o/oauth2/v2/auth"
GOOGLE_TOKEN = "https://oauth2.googleapis.com/token"
GOOGLE_SCOPE = "https://mail.google.com/"
MICROSOFT = "{authority}/{tenant}/oauth2/v2.0/{what}"
MICROSOFT_SCOPE = ("offline_access https://outlook.office.com/IMAP.AccessAsUser.All "
                   "https://outlook.office.com/SMTP.Send")


def post(url, form):
    """POSTs a form; returns (status, JSON answer)."""
    data = urllib.parse.urlencode(form).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as e:
        try:
            return e.code, json.load(e)
        except ValueError:
            return e.code, {"error": "http_%d" % e.code}
    except OSError as e:
        fail("%s not reachable: %s" % (urllib.parse.urlparse(url).netloc, e))


def microsoft(args):
    """Device code flow (RFC 8628): shows a code and a URL; polls until the person has signed in."""
    status, start = post(MICROSOFT.format(authority=args.authority, tenant=args.tenant, what="devicecode"),
                         {"client_id": args.client_id, "scope": MICROSOFT_SCOPE})
    if status != 200:
        fail("Microsoft refused to start the sign-in: %s" % reason(start))
    print()
    print("  1. Open   %s" % start["verification_uri"])
    print("  2. Enter  %s" % start["user_code"])
    print("  3. Sign in as the mailbox (e.g. praxis@...) and accept.")
    print()
    interval = int(start.get("interval", 5))
    deadline = time.monotonic() + int(start.get("expires_in", 900))
    token_url = MICROSOFT.format(authority=args.authority, tenant=args.tenant, what="token")
    while time.monotonic() < deadline:
        time.sleep(interval)
        form = {"grant_type": "urn:ietf:params:oauth:grant-type:device_code",
                "client_id": args.client_id, "device_code": start["device_code"]}
        if args.client_secret:
            form["client_secret"] = args.client_secret
        status, answer = post(token_url, form)
        if status == 200:
            return answer
        error = answer.get("error")
        if error == "slow_down":
            interval += 5
        elif error != "authorization_pending":
            fail("no refresh token: %s" % reason(answer))
        else:
            print("  waiting for the sign-in ...", end="\r", flush=True)
    fail("the code expired before the sign-in; run the script again")


def google(args):
    """Authorization code flow with PKCE and a loopback redirect (Google's way for desktop apps)."""
    verifier = secrets.token_urlsafe(64)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    state = secrets.token_urlsafe(16)
    received = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
            if query.get("state", [""])[0] == state:
                received.update({k: v[0] for k, v in query.items()})
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.end_headers()
            self.wfile.write("Fertig / done: back to the terminal.\n".encode())

        def log_message(self, *ignored):
            pass  # the query holds the code: nothing on the console

    server = Loopback(("127.0.0.1", 0), Handler)
    redirect = "http://127.0.0.1:%d/" % server.server_port
    url = GOOGLE_AUTH + "?" + urllib.parse.urlencode({
        "client_id": args.client_id, "redirect_uri": redirect, "response_type": "code",
        "scope": GOOGLE_SCOPE, "access_type": "offline", "prompt": "consent", "state": state,
        "code_challenge": challenge, "code_challenge_method": "S256"})
    print()
    print("  1. Open this address in a browser on this PC (it opens by itself where it can):")
    print()
    print("     " + url)
    print()
    print("  2. Sign in as the mailbox (e.g. praxis@...) and allow access.")
    print()
    webbrowser.open(url)
    server.timeout = 600
    while not received:
        server.handle_request()
    server.server_close()
    if "code" not in received:
        fail("no consent: %s" % received.get("error", "unknown"))
    status, answer = post(GOOGLE_TOKEN, {
        "grant_type": "authorization_code", "code": received["code"], "redirect_uri": redirect,
        "client_id": args.client_id, "client_secret": args.client_secret, "code_verifier": verifier})
    if status != 200:
        fail("no refresh token: %s" % reason(answer))
    return answer


class Loopback(http.server.HTTPServer):
    """Binds without HTTPServer's reverse name lookup, which can hang for long on a PC without DNS for itself."""

    def server_bind(self):
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = "127.0.0.1", self.server_address[1]


def reason(answer):
    return "%s %s" % (answer.get("error", ""), answer.get("error_description", ""))


def fail(message):
    print("\n" + message, file=sys.stderr)
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("provider", choices=["google", "microsoft"])
    parser.add_argument("--client-id", required=True, help="the app registration's client id")
    parser.add_argument("--client-secret", default="", help="the client secret (better: --client-secret-file)")
    parser.add_argument("--client-secret-file", help="a file holding the client secret")
    parser.add_argument("--tenant", default="organizations",
                        help="Microsoft: the tenant id or domain (default: organizations)")
    parser.add_argument("--authority", default="https://login.microsoftonline.com",
                        help="Microsoft: the sign-in host (other clouds; a local stand-in in tests)")
    parser.add_argument("--out", required=True, help="the secret file to write the refresh token to")
    args = parser.parse_args()
    if args.client_secret_file:
        with open(args.client_secret_file, encoding="utf-8") as f:
            args.client_secret = f.read().strip()
    if args.provider == "google" and not args.client_secret:
        fail("Google needs the client secret of the desktop app (--client-secret-file)")
    answer = google(args) if args.provider == "google" else microsoft(args)
    token = answer.get("refresh_token")
    if not token:
        fail("the answer held no refresh token (Google: was access_type=offline granted? Microsoft: offline_access?)")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(token)
    print("\nThe refresh token is in %s. Restart the mailer: docker compose up -d" % args.out)


if __name__ == "__main__":
    main()
