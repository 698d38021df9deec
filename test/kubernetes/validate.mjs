// Validates rendered Kubernetes manifests (multi-document YAML, as `kubectl kustomize` prints them)
// without a cluster and without the network, the way an API server with strict field validation
// (kubectl's default --validate=strict) would judge them:
//
//   node validate.mjs WORKDIR FILE...
//
// 1. Built-in kinds and the Prometheus Operator's ServiceMonitor: the validators of npm kubernetes-models
//    and @kubernetes-models/prometheus-operator, generated from the Kubernetes OpenAPI schema and the
//    operator's CRDs (types, required fields, formats, enums).
// 2. Those validators ignore fields the schema does not know (a misspelt `readinesProbe` would pass),
//    so the same objects are also compiled as TypeScript object literals against the packages' types:
//    tsc refuses every unknown field (excess property checks), however deep.
// 3. OpenLibertyApplication: the Open Liberty Operator's CRD schema (schemas/, vendored), checked with
//    ajv, with unknown fields refused as the API server refuses them for a structural schema.
// Any other kind is an error. Prints one line per object and exits 1 on any failure.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import YAML from 'yaml';
import { ObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';

const here = dirname(fileURLToPath(import.meta.url));
const [work, ...files] = process.argv.slice(2);

// apiVersion -> the module whose exports are that group-version's kinds
const modules = {
  'monitoring.coreos.com/v1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
};
const moduleOf = (apiVersion) => modules[apiVersion] ?? `kubernetes-models/${apiVersion}`;

const olSchema = JSON.parse(readFileSync(join(here, 'schemas/openlibertyapplication-v1.json'), 'utf8')).schema;
const customKinds = { 'apps.openliberty.io/v1/OpenLibertyApplication': strictAjv().compile(olSchema) };

let failed = 0;
const typed = []; // [label, module, kind, object] for the TypeScript pass

for (const file of files) {
  // YAML 1.1, as the API server's YAML reader (sigs.k8s.io/yaml) takes it: 0440 is octal
  const docs = YAML.parseAllDocuments(readFileSync(file, 'utf8'), { version: '1.1' });
  for (const doc of docs) {
    if (doc.errors.length) {
      fail(`${file}: YAML`, doc.errors.map((e) => e.message));
      continue;
    }
    const obj = doc.toJS();
    if (obj === null) continue;
    const label = `${file}: ${obj.kind}/${obj.metadata?.name}`;
    const custom = customKinds[`${obj.apiVersion}/${obj.kind}`];
    if (custom) {
      const errors = custom(obj) ? [] : custom.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
      // the metadata as the API server checks it for every kind
      try {
        new ObjectMeta(structuredClone(obj.metadata)).validate();
      } catch (e) {
        errors.push(...(e.errors ?? [e]).map((x) => `/metadata${x.instancePath ?? ''} ${x.message}`));
      }
      if (errors.length) fail(label, errors);
      else pass(label, 'CRD schema');
      continue;
    }
    let Kind;
    try {
      Kind = (await import(moduleOf(obj.apiVersion)))[obj.kind];
    } catch {
      Kind = undefined;
    }
    if (typeof Kind !== 'function' || Kind.kind !== obj.kind || Kind.apiVersion !== obj.apiVersion) {
      fail(label, [`no schema for ${obj.apiVersion} ${obj.kind}`]);
      continue;
    }
    try {
      new Kind(structuredClone(obj)).validate();
      pass(label, 'OpenAPI schema');
      typed.push([label, moduleOf(obj.apiVersion), obj.kind, obj]);
    } catch (e) {
      fail(label, (e.errors ?? [e]).map((x) => (x.instancePath !== undefined ? `${x.instancePath || '/'} ${x.message}` : String(x))));
    }
  }
}

if (typed.length) failed += unknownFields(typed);
console.log(failed ? `${failed} object(s) invalid` : 'all objects valid');
process.exit(failed ? 1 : 0);

function pass(label, how) {
  console.log(`ok    ${label} (${how})`);
}

function fail(label, errors) {
  failed++;
  console.log(`FAIL  ${label}`);
  for (const e of errors.slice(0, 10)) console.log(`        ${e}`);
}

// Each object as an object literal of its kind's interface (IDeployment, IServiceMonitor, ...); tsc
// reports the first unknown field of each literal with the object's line in check.ts.
function unknownFields(objects) {
  const lines = [];
  const starts = [];
  objects.forEach(([label, module, kind, obj], i) => {
    lines.push(`import type { I${kind} as T${i} } from ${JSON.stringify(module)};`);
  });
  objects.forEach(([label, module, kind, obj], i) => {
    starts.push([lines.length + 1, label]);
    lines.push(`// ${label}`, ...`export const o${i}: T${i} = ${JSON.stringify(obj, null, 2)};`.split('\n'));
  });
  const source = join(work, 'check.ts');
  writeFileSync(source, lines.join('\n') + '\n');
  // the work directory is outside this one: the packages are found through paths
  writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      noEmit: true, strict: true, skipLibCheck: true, pretty: false, types: [],
      target: 'es2022', module: 'esnext', moduleResolution: 'bundler',
      paths: { '*': [join(here, 'node_modules/*')] },
    },
    files: [source],
  }));
  const tsc = join(here, 'node_modules/typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(work, 'tsconfig.json')], { encoding: 'utf8', cwd: work });
    console.log(`ok    no unknown fields in ${objects.length} objects (TypeScript types of kubernetes-models)`);
    return 0;
  } catch (e) {
    const out = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim().split('\n');
    const bad = new Set();
    for (const line of out) {
      const m = line.match(/check\.ts\((\d+),\d+\): (.*)/);
      const at = m ? [...starts].reverse().find(([start]) => start <= Number(m[1])) : undefined;
      console.log(`FAIL  ${at ? at[1] : 'TypeScript'}: ${m ? m[2] : line}`);
      bad.add(at ? at[1] : line);
    }
    return Math.max(bad.size, 1);
  }
}

// ajv for a CRD's structural schema: Kubernetes' own formats and extensions, and an object's
// unknown fields refused (the API server drops or, with strict field validation, refuses them)
function strictAjv() {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
  ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isInteger(n) });
  ajv.addFormat('date-time', { type: 'string', validate: (s) => !Number.isNaN(Date.parse(s)) });
  for (const k of ['x-kubernetes-int-or-string', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys',
    'x-kubernetes-map-type', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource']) {
    ajv.addKeyword(k);
  }
  return { compile: (schema) => ajv.compile(closeObjects(structuredClone(schema), true)) };
}

function closeObjects(s, root) {
  if (Array.isArray(s)) return s.map((x) => closeObjects(x, false));
  if (!s || typeof s !== 'object') return s;
  for (const [k, v] of Object.entries(s)) if (k !== 'enum' && k !== 'default') s[k] = closeObjects(v, false);
  if (s.properties && s.additionalProperties === undefined && !s['x-kubernetes-preserve-unknown-fields']) {
    s.additionalProperties = false;
  }
  // metadata is only `type: object` in a CRD: the API server checks it as ObjectMeta
  if (root && s.properties?.metadata) s.properties.metadata = { type: 'object' };
  return s;
}
