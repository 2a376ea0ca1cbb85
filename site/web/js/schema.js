// The settings' schema (docs/stage.md, "Settings"), declared in Go
// (wasm/lesson/model schema.go) and asked once from the lesson module
// (nnstepGo.schema()) at start: the keys, defaults and control limits
// of the page derive from it.
let fields = [];

// setSchema keeps the schema (main.js, once the lesson module runs).
export function setSchema(list) { fields = list; }

// schemaFields returns the fields in the URL's order.
export function schemaFields() { return fields; }

// field returns the field of key.
export function field(key) {
  const f = fields.find((x) => x.key === key);
  if (!f) throw new Error(`nnstep: no setting ${key} in the schema`);
  return f;
}
