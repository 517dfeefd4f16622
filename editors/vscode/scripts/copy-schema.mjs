// The Red Hat YAML extension validates glossary/*.yaml against this copy of
// schema/term.schema.json (package.json `yamlValidation`).
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, "..", "..", "..", "schema", "term.schema.json");
const target = join(here, "..", "schema", "term.schema.json");
mkdirSync(dirname(target), { recursive: true });
copyFileSync(source, target);
