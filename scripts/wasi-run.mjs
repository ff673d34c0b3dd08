#!/usr/bin/env node
// Run a wasm32-wasip1 command module under Node's built-in WASI (preview1).
//
// usage: node scripts/wasi-run.mjs [--dir HOSTDIR[:GUESTDIR]]... MODULE.wasm [ARGS...]
//
//   --dir HOSTDIR[:GUESTDIR]  preopen HOSTDIR, visible to the module as GUESTDIR
//                             (default: the same path as HOSTDIR); repeatable.
//                             Also accepted as --dir=HOSTDIR[:GUESTDIR].
//   --                        end of runner options.
//
// argv[0] seen by the module is the module's file name (e.g. "docskill.wasm").
// stdin/stdout/stderr are inherited. Only SOURCE_DATE_EPOCH is passed through
// from the environment. The runner exits with the module's exit code (a wasm
// trap, e.g. a Rust panic, exits 134 like an abort; WASI_RUN_TRACE=1 prints
// the trap's wasm stack). A module that returns from main exits 0.
//
// Paths: WASI has no working directory; relative paths in the module resolve
// against a preopen whose guest path is "." -- so pass `--dir .` if the
// module is given relative paths, or `--dir /abs` and give absolute paths.
//
// Node prints an ExperimentalWarning for WASI; this script drops it itself
// (no --no-warnings needed), other warnings are still printed.

// Must run before node:wasi is loaded, hence the dynamic import below.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (w && w.name === 'ExperimentalWarning') return;
  process.stderr.write(`${w && w.stack ? w.stack : w}\n`);
});

const { readFile } = await import('node:fs/promises');
const { statSync } = await import('node:fs');
const path = await import('node:path');
const { WASI } = await import('node:wasi');

const USAGE =
  'usage: node scripts/wasi-run.mjs [--dir HOSTDIR[:GUESTDIR]]... MODULE.wasm [ARGS...]';

function die(msg) {
  process.stderr.write(`wasi-run: ${msg}\n${USAGE}\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
const preopens = {};
let i = 0;
while (i < argv.length) {
  const a = argv[i];
  let spec;
  if (a === '--dir') {
    if (i + 1 >= argv.length) die('--dir needs an argument');
    spec = argv[i + 1];
    i += 2;
  } else if (a.startsWith('--dir=')) {
    spec = a.slice('--dir='.length);
    i += 1;
  } else if (a === '--') {
    i += 1;
    break;
  } else if (a === '-h' || a === '--help') {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  } else if (a.startsWith('-') && a !== '-') {
    die(`unknown option ${a}`);
  } else {
    break;
  }
  // HOST[:GUEST]; split on the last ':' so a guest path is optional.
  const colon = spec.lastIndexOf(':');
  const host = colon > 0 ? spec.slice(0, colon) : spec;
  const guest = colon > 0 ? spec.slice(colon + 1) : spec;
  if (!host || !guest) die(`bad --dir ${spec}`);
  let st;
  try {
    st = statSync(host);
  } catch (e) {
    die(`--dir ${host}: ${e.code || e.message}`);
  }
  if (!st.isDirectory()) die(`--dir ${host}: not a directory`);
  preopens[guest] = path.resolve(host);
}

const modulePath = argv[i];
if (!modulePath) die('missing MODULE.wasm');
const args = [path.basename(modulePath), ...argv.slice(i + 1)];

const env = {};
if (process.env.SOURCE_DATE_EPOCH !== undefined) {
  env.SOURCE_DATE_EPOCH = process.env.SOURCE_DATE_EPOCH;
}

let bytes;
try {
  bytes = await readFile(modulePath);
} catch (e) {
  die(`cannot read ${modulePath}: ${e.code || e.message}`);
}

const wasi = new WASI({
  version: 'preview1',
  args,
  env,
  preopens,
  returnOnExit: true,
  // stdin 0, stdout 1, stderr 2 are the defaults: inherited.
});

let code;
try {
  const module = await WebAssembly.compile(bytes);
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  code = wasi.start(instance);
} catch (e) {
  if (e instanceof WebAssembly.RuntimeError) {
    // A trap: `unreachable` from a Rust panic (panic=abort on wasip1), OOM, ...
    // Exit like a native abort (128 + SIGABRT). WASI_RUN_TRACE=1 shows the stack.
    process.stderr.write(`wasi-run: wasm trap: ${process.env.WASI_RUN_TRACE ? e.stack : e.message}\n`);
    code = 134;
  } else {
    // Not a valid module, missing imports, ...
    process.stderr.write(`wasi-run: ${e && e.stack ? e.stack : e}\n`);
    code = 1;
  }
}
process.exit(code ?? 0);
