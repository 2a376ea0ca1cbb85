// app.js: the page's one entry module (index.html). It starts the lesson
// module's download (js/wasmload.js), then the lesson
// side (js/lesson.js: the text, the sections, the step-through) and then
// the stage side (js/main.js: the Go modules, window.nnstep, the
// playground), in that order: the lesson module downloads and compiles
// (off the main thread) while the text is rendered. The two sides talk through js/events.js
// (docs/frontend.md, "Modules" and "Events").
import "./wasmload.js";
import "./lesson.js";
import "./main.js";
