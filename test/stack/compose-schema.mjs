// Validates a compose file against the Compose-specification JSON schema that npm dclint ships.
// YAML anchors and merge keys are resolved first, as Docker Compose does.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import YAML from 'yaml';

// dclint does not export the schema as a module path; read it from the installed package
const here = dirname(fileURLToPath(import.meta.url));
const schema = JSON.parse(readFileSync(join(here, 'node_modules/dclint/schemas/compose.schema.json'), 'utf8'));
const doc = YAML.parse(readFileSync(process.argv[2], 'utf8'), { merge: true, maxAliasCount: -1 });

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
// the schema names draft-07 by its https address, which ajv (draft-07 by default) registers as http
delete schema.$schema;
const validate = ajv.compile(schema);
if (!validate(doc)) {
  for (const e of validate.errors) console.error(`${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  process.exit(1);
}
console.log(`valid: ${Object.keys(doc.services).length} services`);
