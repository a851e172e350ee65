// Validates interchange files against docs/interchange.schema.json with ajv (JSON Schema draft
// 2020-12) and ajv-formats: an independent check of what tessera-cli export writes.
// Usage: node validate_interchange.mjs SCHEMA FILE...   Exit 0: all valid; 1: some invalid
// (each error printed); 2: usage or a file that is not JSON.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || files.length === 0) {
  console.error("usage: node validate_interchange.mjs SCHEMA FILE...");
  process.exit(2);
}
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
let invalid = 0;
for (const file of files) {
  let document;
  try {
    document = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    console.error(`${file}: not JSON: ${error.message}`);
    process.exit(2);
  }
  if (validate(document)) {
    console.log(`${file}: valid`);
  } else {
    invalid += 1;
    for (const error of validate.errors) {
      console.log(`${file}: invalid: ${error.instancePath || "/"} ${error.message}`);
    }
  }
}
process.exit(invalid === 0 ? 0 : 1);
