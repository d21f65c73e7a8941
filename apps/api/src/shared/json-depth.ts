/**
 * The deepest nesting of objects and arrays in a JSON text, found in one pass without parsing.
 * Deeply nested bodies are refused before parsing: validation walks them recursively and would
 * overflow the stack (a 500) on a few thousand levels.
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c)
        index++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b || char === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (char === 0x7d || char === 0x5d) {
      depth--;
    }
  }
  return deepest;
}

export const MAX_JSON_DEPTH = 32;
