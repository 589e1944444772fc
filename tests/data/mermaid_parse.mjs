// Parse a Mermaid file with Mermaid's own parser, in node without a browser (jsdom stands in
// for the DOM that Mermaid's sanitizer wants). Prints the diagram type; exit 1 on a syntax error,
// exit 3 when the npm packages mermaid and jsdom cannot be found (the test then skips).
// Packages are looked up from this folder upwards, and in $MERMAID_NODE_MODULES if set.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

function find(name) {
  const folders = [process.env.MERMAID_NODE_MODULES, import.meta.dirname].filter(Boolean);
  for (const folder of folders) {
    try {
      const require = createRequire(join(folder, "noop.js"));
      return require.resolve(join(name, "package.json"));
    } catch {
      // not in this folder; try the next
    }
  }
  return null;
}

const mermaidJson = find("mermaid");
const jsdomJson = find("jsdom");
if (mermaidJson === null || jsdomJson === null) {
  console.error("the npm packages mermaid and jsdom are not installed (set MERMAID_NODE_MODULES)");
  process.exit(3);
}
const { JSDOM } = await import(pathToFileURL(join(jsdomJson, "..", "lib", "api.js")).href);
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const entry = join(mermaidJson, "..", "dist", "mermaid.core.mjs");
const mermaid = (await import(pathToFileURL(entry).href)).default;
try {
  const result = await mermaid.parse(readFileSync(process.argv[2], "utf8"));
  console.log(result.diagramType);
} catch (error) {
  console.error(String(error && error.message ? error.message : error));
  process.exit(1);
}
