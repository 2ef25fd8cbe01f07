// Generate src/lib/api.gen.ts from the server's OpenAPI document (openapi.json, written by
// `.venv/bin/python scripts/dump_openapi.py`). The first line records the document's sha256, so a
// Python test can tell when the committed types no longer match what the server describes.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import openapiTS, { astToString } from "openapi-typescript";

const source = process.argv[2] ?? "openapi.json";
const target = process.argv[3] ?? "src/lib/api.gen.ts";
const text = readFileSync(source, "utf8");
const sha = createHash("sha256").update(text).digest("hex");
const ast = await openapiTS(JSON.parse(text), { alphabetize: false, exportType: false });
const header =
  `// openapi sha256: ${sha}\n` +
  "// Generated from /api/openapi.json by scripts/gen-api.mjs (openapi-typescript). Do not edit:\n" +
  "// run `.venv/bin/python scripts/dump_openapi.py && npm --prefix frontend run gen:api`.\n\n";
writeFileSync(target, header + astToString(ast));
console.log(`wrote ${target} from ${source} (sha256 ${sha})`);
