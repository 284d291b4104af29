"""E-mail and SMS backends for worker subprocesses in the fault tests: every message delivered is one line
appended to the file named by HARDENING_MAILBOX, so the test counts deliveries made in another process.

With HARDENING_MAILBOX_SLOW=<marker file>, the first delivery touches the marker and then sleeps, so a test
can SIGKILL the worker in the middle of the task (before the effect) and watch the redelivery.
"""

import fcntl
import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

from jobcenter.notifications import SMSBackend


def _deliver(line: str) -> None:
    slow = os.environ.get("HARDENING_MAILBOX_SLOW")
    if slow and not Path(slow).exists():
        Path(slow).write_text(str(os.getpid()))
        time.sleep(60)  # killed here
    with open(os.environ["HARDENING_MAILBOX"], "a", encoding="utf-8") as mailbox:
        fcntl.flock(mailbox, fcntl.LOCK_EX)
        mailbox.write(line.replace("\n", " ") + "\n")


class MailboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            _deliver(f"email\t{','.join(message.to)}\t{message.subject}")
        return len(email_messages)


class MailboxSMSBackend(SMSBackend):
    def send(self, *, to: str, body: str) -> None:
        _deliver(f"sms\t{to}\t{body[:60]}")
