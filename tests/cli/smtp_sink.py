#!/usr/bin/env python3
# smtp_sink.py — a local SMTP sink for the push tests (tests/cli/test_push_cli.sh):
# listens on 127.0.0.1 (port 0: any free one, printed as "PORT n" on the
# first line of stdout), writes each accepted message to DIR/NNN.eml (the
# envelope in DIR/NNN.env: MAIL FROM and RCPT TO, one a line) and answers
# "451 4.3.0 try again later" to the first --refuse N messages (counted in
# DIR/refused). Runs until killed.
#
#   python3 tests/cli/smtp_sink.py DIR [--refuse N]
import asyncore
import os
import sys
import warnings

warnings.simplefilter("ignore", DeprecationWarning)
import smtpd  # noqa: E402  (python3 < 3.12)


class Sink(smtpd.SMTPServer):
    def __init__(self, addr, outdir, refuse):
        super().__init__(addr, None, decode_data=False)
        self.outdir = outdir
        self.refuse = refuse
        self.n = 0
        self.refused = 0

    def process_message(self, peer, mailfrom, rcpttos, data, **kw):
        if self.refused < self.refuse:
            self.refused += 1
            with open(os.path.join(self.outdir, "refused"), "w") as f:
                f.write("%d\n" % self.refused)
            return "451 4.3.0 try again later"
        self.n += 1
        base = os.path.join(self.outdir, "%03d" % self.n)
        with open(base + ".env", "w") as f:
            f.write(mailfrom + "\n")
            for r in rcpttos:
                f.write(r + "\n")
        with open(base + ".eml.tmp", "wb") as f:
            f.write(data)
        os.rename(base + ".eml.tmp", base + ".eml")
        return None


def main():
    outdir = sys.argv[1]
    refuse = 0
    if len(sys.argv) > 3 and sys.argv[2] == "--refuse":
        refuse = int(sys.argv[3])
    os.makedirs(outdir, exist_ok=True)
    s = Sink(("127.0.0.1", 0), outdir, refuse)
    print("PORT %d" % s.socket.getsockname()[1], flush=True)
    asyncore.loop(timeout=0.5)


if __name__ == "__main__":
    main()
