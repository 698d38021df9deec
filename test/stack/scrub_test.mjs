// Applies Promtail's `replace` stages from promtail-config.yml to sample log lines with RE2 itself
// (Google's RE2 as WebAssembly, npm re2-wasm): the engine Promtail runs its expressions with, so a
// pattern RE2 rejects or reads differently fails here. As in Promtail, every capture group of
// every match is replaced by the stage's `replace` value. Checks that no address or secret
// survives while ordinary text does.
//
//   node test/stack/scrub_test.mjs monitoring/promtail-config.yml
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import YAML from "yaml";

const { RE2 } = createRequire(import.meta.url)("re2-wasm");
const config = YAML.parse(readFileSync(process.argv[2], "utf8"));
const stages = config.scrape_configs[0].pipeline_stages.filter((s) => s.replace).map((s) => s.replace);

function scrub(line) {
  for (const stage of stages) {
    const re = new RE2(stage.expression, "gu");
    let out = "";
    let last = 0;
    let m;
    while ((m = re.exec(line)) !== null) {
      // re2-wasm gives group texts, not their offsets: each of our expressions has one group, which
      // ends its match or is followed by a closing quote or '@', so its last occurrence is it
      for (let g = 1; g < m.length; g++) {
        if (m[g] === undefined) continue;
        const start = m.index + m[0].lastIndexOf(m[g]);
        out += line.slice(last, start) + stage.replace;
        last = start + m[g].length;
      }
      if (m[0].length === 0) re.lastIndex++;
    }
    line = out + line.slice(last);
  }
  return line;
}

const CASES = [
  // [log line, strings that must disappear, strings that must stay]
  ['{"loglevel":"INFO","module":"inbox","message":"stored mail from anna.mueller@gmail.com to praxis@example.de"}',
    ["anna.mueller@gmail.com", "praxis@example.de"], ['"loglevel":"INFO"', "stored mail from"]],
  ['{"message":"config: DB_PASSWORD=s3cr3t! db.password = hunter2"}', ["s3cr3t!", "hunter2"], ["DB_PASSWORD", "config:"]],
  ['{"message":"login with {\\"password\\": \\"Geheim123\\", \\"user\\": \\"x\\"}"}', ["Geheim123"], ["login with", "user"]],
  // Gmail app passwords with their spaces
  ["mailer.imap.password: abcd efgh ijkl mnop", ["abcd", "efgh", "ijkl", "mnop"], ["mailer.imap.password"]],
  ['{"message":"MAILER_SMTP_PASSWORD=qrst uvwx yzab cdef set"}', ["qrst", "uvwx", "yzab", "cdef"], ["set"]],
  // quoted passwords with spaces, plain and inside a JSON log line
  ['password="my secret pw" user=x', ["my secret pw", "secret pw"], ["user=x"]],
  ['{"message":"retry with password=\\"zwei Worte\\" failed"}', ["zwei", "Worte"], ["failed", "retry with"]],
  ["secret='two words' next", ["two words"], ["next"]],
  // user:password@host
  ["connecting to jdbc:postgresql://praxis_mailer:Geheim%21@postgres:5432/praxis", ["Geheim%21"], ["postgres:5432/praxis", "jdbc:postgresql://"]],
  ["smtp://praxis@gmail.com:abcdefghijklmnop@smtp.gmail.com:587", ["abcdefghijklmnop", "praxis@gmail.com"], ["smtp://", ":587"]],
  ["A1 LOGIN praxis@gmail.com abcdwxyzabcdwxyz", ["abcdwxyzabcdwxyz", "praxis@gmail.com"], ["A1 LOGIN"]],
  ["AUTH PLAIN AHByYXhpc0BnbWFpbC5jb20Ac2VjcmV0", ["AHByYXhpc0BnbWFpbC5jb20Ac2VjcmV0"], ["AUTH PLAIN"]],
  ["GET /api/tags Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc", ["eyJhbGciOiJIUzI1NiJ9.e30.abc"], ["/api/tags"]],
  ["token=ghp_1234567890abcdef&next=1", ["ghp_1234567890abcdef"], ["&next=1"]],
  // ordinary text stays, four-letter words included
  ['{"message":"poll of INBOX took 120 ms, 3 new, uidvalidity 42"}', [], ["poll of INBOX took 120 ms, 3 new, uidvalidity 42"]],
  ['{"message":"dies ist eine sehr gute Mail"}', [], ["dies ist eine sehr gute Mail"]],
  ["duration: 153.2 ms  statement: SELECT * FROM mail_message WHERE id = $1", [], ["duration: 153.2 ms", "SELECT * FROM mail_message"]],
];

let problems = 0;
for (const [line, gone, kept] of CASES) {
  const result = scrub(line);
  for (const s of gone) if (result.includes(s)) { console.log(`NOT SCRUBBED ${JSON.stringify(s)}: ${result}`); problems++; }
  for (const s of kept) if (!result.includes(s)) { console.log(`LOST ${JSON.stringify(s)}: ${result}`); problems++; }
}
console.log(`${stages.length} replace stages (RE2), ${CASES.length} sample lines, ${problems} problems`);
process.exit(problems ? 1 : 0);
