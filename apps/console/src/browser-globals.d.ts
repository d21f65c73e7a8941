// The console runs in browsers. The repository's tsconfig (shared with the Node apps) has no DOM
// library, and the console's sources are type-checked with it, so they bring the DOM types here.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
