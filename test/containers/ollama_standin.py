"""Ollama in the container test's place, on the host (where the operator runs Ollama natively).

Answers /api/tags and /api/chat like a model that reads the test's mail as the e2e harness does
(src/test/java/e2e/Model.java): praxis mail is a repeat prescription, ecom mail a delivery
question, so each gets an automatic template reply. Listens on the address given (the gateway of
the stack's frontend network, which the containers reach as host.docker.internal).

    python3 ollama_standin.py ADDRESS PORT
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PRAXIS = {"category": "prescription", "priority": "normal", "language": "de",
          "summary": "Folgerezept erbeten", "needs_reply": True, "confidence": 0.9}
ECOM = {"category": "shipping", "priority": "normal", "language": "de",
        "summary": "Frage zur Lieferung", "needs_reply": True, "confidence": 0.9}


class Handler(BaseHTTPRequestHandler):
    def reply(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.startswith("/api/tags"):
            self.reply({"models": [{"name": "llama3.1:8b", "model": "llama3.1:8b"}]})
        else:
            self.send_error(404)

    def do_POST(self):
        request = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8", "replace")
        if not self.path.startswith("/api/chat"):
            self.send_error(404)
            return
        # the classification request carries the profile's categories in its JSON schema
        content = ECOM if "order_status" in request else PRAXIS
        self.reply({"model": "llama3.1:8b", "created_at": "2026-01-01T00:00:00Z",
                    "message": {"role": "assistant", "content": json.dumps(content)},
                    "done": True, "done_reason": "stop"})

    def log_message(self, fmt, *args):
        pass


ThreadingHTTPServer((sys.argv[1], int(sys.argv[2])), Handler).serve_forever()
