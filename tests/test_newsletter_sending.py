"""Sending: a real SMTP round trip with aiosmtpd, the ledger, dry runs and clear SMTP errors."""

from __future__ import annotations

import email
import email.message
import email.policy
import json
import smtplib
from dataclasses import dataclass

import pytest
from aiosmtpd.controller import Controller

from tools.newsletter.ledger import SentWeek, ledger_text, read_ledger, write_ledger
from tools.newsletter.sending import SendError, SmtpSettings, send_eml, smtp_settings
from helpers.newsletter import write_newsletter_output
from helpers.network import Recorder, free_port
from helpers.site import SAMPLE_PUBLISHCONF, SAMPLE_SETTINGS, run_tool
from tools.newsletter import cli as newsletter_cli


@pytest.fixture
def smtp_server():
    servers = []

    def start(reply: str = "250 Message accepted for delivery"):
        recorder = Recorder(reply)
        controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
        controller.start()
        servers.append(controller)
        recorder.port = controller.port
        return recorder

    yield start
    for controller in servers:
        controller.stop()


@pytest.fixture
def site(tmp_path):
    output = write_newsletter_output(tmp_path / "output")
    return output, tmp_path / "newsletter" / "sent.json"


@dataclass
class Finished:
    returncode: int
    stdout: str
    stderr: str


def smtp_environment(port, **env) -> dict:
    return {"NEWSLETTER_SMTP_HOST": "127.0.0.1", "NEWSLETTER_SMTP_PORT": str(port),
            "NEWSLETTER_SMTP_SECURITY": "none", "NEWSLETTER_SMTP_USER": "", "NEWSLETTER_TO": "", **env}


@pytest.fixture
def send(monkeypatch, capsys):
    """`make send-newsletter` in this process (fast); one test below runs the real subprocess."""

    def run(output, ledger, port, *flags, **env):
        for key, value in smtp_environment(port, **env).items():
            monkeypatch.setenv(key, value)
        code = newsletter_cli.main(["send", "--output", str(output), "--ledger", str(ledger), *flags])
        captured = capsys.readouterr()
        return Finished(code, captured.out, captured.err)

    return run


def parsed(data: bytes):
    return email.message_from_bytes(data, policy=email.policy.default)


def test_confirmed_send_delivers_exactly_the_eml_and_records_the_week(site, smtp_server, send):
    output, ledger = site
    server = smtp_server()
    result = send(output, ledger, server.port, "--confirm")
    assert result.returncode == 0, result.stderr
    assert "sent 2026-W47 to werkbank-newsletter@lists.nordlicht-werkstatt.example" in result.stdout
    [arrived] = server.received
    eml = (output / "newsletter" / "2026-W47.eml").read_bytes()
    assert arrived.content.replace(b"\r\n", b"\n") == eml
    assert arrived.mail_from == "newsletter@nordlicht-werkstatt.example"
    assert arrived.rcpt_tos == ["werkbank-newsletter@lists.nordlicht-werkstatt.example"]
    got, expected = parsed(arrived.content), parsed(eml)
    assert dict(got.items()) == dict(expected.items())
    def bodies(message):
        return [part.get_content().replace("\r\n", "\n") for part in message.iter_parts()]

    assert bodies(got) == bodies(expected)
    [entry] = read_ledger(ledger)
    assert (entry.slug, entry.message_id, entry.recipient, entry.forced) == (
        "2026-W47", "<newsletter-2026-W47@nordlicht-werkstatt.example>",
        "werkbank-newsletter@lists.nordlicht-werkstatt.example", False)


def test_second_send_of_a_week_is_refused_and_force_sends_it_again(site, smtp_server, send):
    output, ledger = site
    server = smtp_server()
    assert send(output, ledger, server.port, "--confirm").returncode == 0
    again = send(output, ledger, server.port, "--confirm")
    assert again.returncode == 1
    assert "2026-W47 was already sent" in again.stderr and "FORCE=1" in again.stderr
    assert len(server.received) == 1
    forced = send(output, ledger, server.port, "--confirm", "--force")
    assert forced.returncode == 0, forced.stderr
    assert len(server.received) == 2
    assert [entry.forced for entry in read_ledger(ledger)] == [False, True]


def test_dry_run_shows_what_would_be_sent_and_sends_nothing(site, smtp_server, send):
    output, ledger = site
    server = smtp_server()
    result = send(output, ledger, server.port)
    assert result.returncode == 0, result.stderr
    assert "dry run: nothing was sent" in result.stdout
    assert "Netzwerken ist eine Haltung & kein … und ein weiterer · Werkbank Blog" in result.stdout
    assert f"127.0.0.1:{server.port} (none, no login)" in result.stdout
    assert server.received == [] and not ledger.exists()


def test_newsletter_to_overrides_the_envelope_recipient(site, smtp_server, send):
    output, ledger = site
    server = smtp_server()
    result = send(output, ledger, server.port, "--confirm", NEWSLETTER_TO="test-liste@example.org")
    assert result.returncode == 0, result.stderr
    assert server.received[0].rcpt_tos == ["test-liste@example.org"]
    assert read_ledger(ledger)[0].recipient == "test-liste@example.org"


def test_server_answering_550_leaves_the_ledger_unchanged_and_exits_1(site, smtp_server):
    output, ledger = site
    write_ledger(ledger, [SentWeek("2026-W46", "2026-11-13T15:05:00+00:00", "<x@example>", "liste@example.org")])
    before = ledger.read_bytes()
    server = smtp_server("550 5.7.1 Message rejected as spam")
    result = run_tool("tools.newsletter", "send", "--confirm", "--output", str(output), "--ledger", str(ledger),
                      env_extra=smtp_environment(server.port))
    assert result.returncode == 1
    assert f"127.0.0.1:{server.port} answered 550 5.7.1 Message rejected as spam" in result.stderr
    assert "nothing was sent" in result.stderr and "Traceback" not in result.stderr
    assert ledger.read_bytes() == before


def test_refused_connection_is_one_clear_message(site, send):
    output, ledger = site
    result = send(output, ledger, free_port(), "--confirm")
    assert result.returncode == 1
    assert "cannot connect to 127.0.0.1:" in result.stderr and "NEWSLETTER_SMTP_HOST" in result.stderr
    assert "Traceback" not in result.stderr and not ledger.exists()


def test_confirmed_send_without_smtp_settings_explains_what_to_set(site, send):
    output, ledger = site
    result = send(output, ledger, 25, "--confirm", NEWSLETTER_SMTP_HOST="")
    assert result.returncode == 1
    assert "NEWSLETTER_SMTP_HOST is not set" in result.stdout + result.stderr


def test_send_without_a_built_newsletter_says_to_run_make_newsletter(tmp_path, send):
    result = send(tmp_path / "output", tmp_path / "sent.json", 25)
    assert result.returncode == 1 and "make newsletter" in result.stderr


class FailingClient:
    """Stands in for smtplib.SMTP and fails at one step."""

    failure = None

    def __init__(self, *args, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self, **kwargs):
        if isinstance(self.failure, smtplib.SMTPNotSupportedError):
            raise self.failure

    def login(self, user, password):
        if isinstance(self.failure, smtplib.SMTPAuthenticationError):
            raise self.failure

    def sendmail(self, *args):
        raise self.failure


@pytest.mark.parametrize("failure, expected", [
    (smtplib.SMTPAuthenticationError(535, b"5.7.8 Authentication credentials invalid"),
     "refused the login of 'redaktion': 535 5.7.8 Authentication credentials invalid"),
    (smtplib.SMTPNotSupportedError("STARTTLS extension not supported by server."), "NEWSLETTER_SMTP_SECURITY"),
    (smtplib.SMTPRecipientsRefused({"liste@example.org": (550, b"5.1.1 No such user")}),
     "refused the recipient liste@example.org: 550 5.1.1 No such user"),
    (smtplib.SMTPSenderRefused(553, b"5.7.1 Sender not allowed", "n@example.org"), "refused the sender"),
    (smtplib.SMTPDataError(451, b"4.3.0 Try again later"), "answered 451 4.3.0 Try again later"),
    (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), "closed the connection"),
    (ConnectionRefusedError(111, "Connection refused"), "cannot connect to smtp.example.org:587: Connection refused"),
    (TimeoutError(), "did not answer within 30 s"),
])
def test_smtp_failures_become_one_clear_message(monkeypatch, failure, expected):
    monkeypatch.setattr(FailingClient, "failure", failure)
    monkeypatch.setattr(smtplib, "SMTP", FailingClient)
    settings = SmtpSettings("smtp.example.org", 587, "starttls", "redaktion", "geheim")
    with pytest.raises(SendError) as raised:
        send_eml(b"Subject: x\n\nx\n", "n@example.org", "liste@example.org", settings)
    assert expected in str(raised.value)


@pytest.mark.parametrize("environ, expected", [
    ({}, "NEWSLETTER_SMTP_HOST is not set"),
    ({"NEWSLETTER_SMTP_HOST": "h", "NEWSLETTER_SMTP_SECURITY": "ssl"}, "choose one of: starttls, tls, none"),
    ({"NEWSLETTER_SMTP_HOST": "h", "NEWSLETTER_SMTP_PORT": "fünf"}, "is not a port number"),
    ({"NEWSLETTER_SMTP_HOST": "h", "NEWSLETTER_SMTP_SECURITY": "none", "NEWSLETTER_SMTP_USER": "u",
      "NEWSLETTER_SMTP_PASSWORD": "p"}, "would send the password unencrypted"),
    ({"NEWSLETTER_SMTP_HOST": "h", "NEWSLETTER_SMTP_USER": "u"}, "NEWSLETTER_SMTP_PASSWORD is empty"),
])
def test_bad_smtp_environment_names_the_variable(environ, expected):
    with pytest.raises(SendError, match=expected):
        smtp_settings(environ)


@pytest.mark.parametrize("security, port", [("starttls", 587), ("tls", 465), ("none", 25)])
def test_port_defaults_follow_the_security_mode(security, port):
    settings = smtp_settings({"NEWSLETTER_SMTP_HOST": "h", "NEWSLETTER_SMTP_SECURITY": security})
    assert settings.port == port


def test_ledger_json_is_sorted_and_stable(tmp_path):
    entries = [SentWeek("2026-W47", "2026-11-20T15:10:00+00:00", "<b>", "l@x"),
               SentWeek("2026-W46", "2026-11-13T15:10:00+00:00", "<a>", "l@x")]
    path = tmp_path / "sent.json"
    write_ledger(path, entries)
    assert [e["slug"] for e in json.loads(path.read_text())["sent"]] == ["2026-W46", "2026-W47"]
    assert path.read_text() == ledger_text(list(reversed(entries)))
    assert [p.name for p in tmp_path.iterdir()] == ["sent.json"]  # no temporary file left


def test_broken_ledger_is_reported_not_overwritten(site, smtp_server, send):
    output, ledger = site
    ledger.parent.mkdir(parents=True)
    ledger.write_text("{not json", encoding="utf-8")
    server = smtp_server()
    result = send(output, ledger, server.port, "--confirm")
    assert result.returncode == 1 and "cannot read the ledger" in result.stderr
    assert ledger.read_text() == "{not json" and server.received == []


# -- never a placeholder: the default settings send a working unsubscribe, a service's placeholders are refused --

UNSUBSCRIBE_MAILTO = "mailto:newsletter-abmelden@nordlicht-werkstatt.example?subject=abmelden"


@pytest.mark.parametrize("settings", [{"PLUGINS": []}, "pelicanconf.py", "publishconf.py"])
def test_the_default_mail_service_is_mailto(settings):
    from shared.config import read_config
    from tools.build import load_settings

    values = settings if isinstance(settings, dict) else load_settings(SAMPLE_SETTINGS / settings)
    assert read_config(values)[0]["NEWSLETTER_SERVICE"] == "mailto"


def test_the_default_settings_send_an_email_whose_unsubscribe_works(build_site, smtp_server, send, tmp_path):
    """A real publish build with the settings as shipped, sent by SMTP: the reader gets a mailto: unsubscribe."""
    from lxml import html as lxml_html
    from tools.newsletter.placeholders import placeholders_in

    site = build_site(settings_file="publishconf.py")
    assert site.result.exit_code(strict=True) == 0, site.messages
    server = smtp_server()
    result = send(site.output, tmp_path / "sent.json", server.port, "--confirm")
    assert result.returncode == 0, result.stderr
    [arrived] = server.received
    message = parsed(arrived.content)
    assert message["List-Unsubscribe"].strip() == f"<{UNSUBSCRIBE_MAILTO}>"  # folded: the value starts on a new line
    assert message["List-Unsubscribe-Post"] is None  # one-click needs a web address; a mailto list has none
    text = message.get_body(("plain",)).get_content()
    assert f"Newsletter abbestellen: {UNSUBSCRIBE_MAILTO}" in text
    page = lxml_html.fromstring(message.get_body(("html",)).get_content())
    assert [a.get("href") for a in page.iter("a") if a.text_content().strip() == "Newsletter abbestellen"] == [
        UNSUBSCRIBE_MAILTO]
    assert placeholders_in(arrived.content) == []
    assert "{{" not in arrived.content.decode("ascii") and "*|" not in arrived.content.decode("ascii")


@pytest.mark.parametrize("service, placeholder", [("listmonk", "{{ UnsubscribeURL }}"), ("mailchimp", "*|UNSUB|*"),
                                                  ("brevo", "{{ unsubscribe }}")])
def test_an_email_with_a_services_placeholder_is_refused_and_nothing_is_sent(tmp_path, smtp_server, service,
                                                                               placeholder):
    output = write_newsletter_output(tmp_path / "output", service=service)
    ledger = tmp_path / "newsletter" / "sent.json"
    write_ledger(ledger, [SentWeek("2026-W46", "2026-11-13T15:05:00+00:00", "<x@example>", "liste@example.org")])
    before = ledger.read_bytes()
    server = smtp_server()
    result = run_tool("tools.newsletter", "send", "--confirm", "--output", str(output), "--ledger", str(ledger),
                      env_extra=smtp_environment(server.port))
    assert result.returncode == 1
    said = " ".join(result.stderr.split())
    assert f"{placeholder} (List-Unsubscribe header, text part, HTML part)" in said
    assert f"They come from NEWSLETTER_SERVICE = '{service}'" in said
    assert "campaign editor or API" in said and "newsletter/2026-W47.html" in said  # way out 1
    assert 'set NEWSLETTER_SERVICE = "mailto" and NEWSLETTER_UNSUBSCRIBE_MAILTO' in said  # way out 2
    assert "Nothing was sent" in said and "Traceback" not in result.stderr
    assert server.received == [] and ledger.read_bytes() == before


def test_the_dry_run_already_says_the_email_would_be_refused(tmp_path, smtp_server, send):
    output = write_newsletter_output(tmp_path / "output", service="listmonk")
    server = smtp_server()
    result = send(output, tmp_path / "sent.json", server.port)
    assert result.returncode == 1 and "NEWSLETTER_SERVICE = 'listmonk'" in result.stderr
    assert "dry run: nothing was sent" not in result.stdout
    assert server.received == [] and not (tmp_path / "sent.json").exists()


def test_even_a_forced_resend_is_refused(tmp_path, smtp_server, send):
    output = write_newsletter_output(tmp_path / "output", service="mailchimp")
    server = smtp_server()
    result = send(output, tmp_path / "sent.json", server.port, "--confirm", "--force")
    assert result.returncode == 1 and "*|UNSUB|*" in result.stderr and server.received == []


@pytest.mark.parametrize("service, advice", [
    ("mailto", "send  make send-newsletter (a dry run), then make send-newsletter CONFIRM=1"),
    ("listmonk", "through the mail service's campaign editor or API with"),
])
def test_make_newsletter_says_how_the_email_is_sent(tmp_path, capsys, service, advice):
    output = write_newsletter_output(tmp_path / "output", service=service)
    assert newsletter_cli.main(["build", "--no-site-build", "--settings", str(SAMPLE_PUBLISHCONF),
                                "--output", str(output)]) == 0
    assert advice in capsys.readouterr().out


def eml_with(text: str, html: str, **headers) -> bytes:
    message = email.message.EmailMessage()
    for name, value in {"Subject": "KW 47", "From": "n@example.org", "To": "l@example.org", **headers}.items():
        message[name] = value
    message.set_content(text, cte="quoted-printable")
    message.add_alternative(html, subtype="html", cte="quoted-printable")
    return bytes(message)


@pytest.mark.parametrize("text, html, headers, expected", [
    ("Abmelden: *|UNSUB|*", "<p>x</p>", {}, [("*|UNSUB|*", "text part")]),
    # quoted-printable breaks long lines: the placeholder is found in the decoded part
    ("x", "<p>" + "lang " * 30 + '<a href="{{ UnsubscribeURL }}">ab</a></p>', {},
     [("{{ UnsubscribeURL }}", "HTML part")]),
    ("x", '<a href="&#123;&#123; unsubscribe &#125;&#125;">ab</a>', {}, [("{{ unsubscribe }}", "HTML part")]),
    ("x", '<a href="https://example.org/%7B%7BUnsubscribeURL%7D%7D">ab</a>', {},
     [("{{UnsubscribeURL}}", "HTML part")]),
    ("x", "<p>x</p>", {"List-Unsubscribe": "<{{ UnsubscribeURL }}>"}, [("{{ UnsubscribeURL }}", "List-Unsubscribe header")]),
    ("Abmelden: mailto:ab@example.org", '<a href="mailto:ab@example.org?subject=abmelden">ab</a> {Klammer} *Stern*',
     {"List-Unsubscribe": "<mailto:ab@example.org?subject=abmelden>"}, []),
])
def test_placeholders_are_found_in_headers_and_decoded_parts(text, html, headers, expected):
    from tools.newsletter.placeholders import placeholders_in

    found = placeholders_in(eml_with(text, html, **headers))
    assert [(p.text, p.where) for p in found] == expected
