import { noChange } from 'lit-html';
import { Directive, directive, ElementPart, PartInfo, PartType } from 'lit-html/directive.js';

/**
 * Sets CSS properties through the CSSOM, e.g. `<div ${cssProps({ width: '40%' })}>`. lit-html's
 * styleMap writes a `style` attribute on first render, which the console's Content Security
 * Policy (style-src 'self') blocks; CSSOM writes are allowed.
 */
class CssPropsDirective extends Directive {
  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT)
      throw new Error('cssProps belongs on an element: <div ${cssProps(...)}>');
  }

  render(_properties: Readonly<Record<string, string>>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [properties]: [Readonly<Record<string, string>>]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const [name, value] of Object.entries(properties)) style.setProperty(name, value);
    return noChange;
  }
}

export const cssProps = directive(CssPropsDirective);
