// linkedom 0.18's EventTarget constructor registers every node it makes in a module-level WeakMap
// (`wm.set(this, new Map)`), so that a listener can be added to any node later. Parsing one news
// page makes thousands of nodes and the clean stage never adds a listener, yet those WeakMap
// entries (ephemerons the garbage collector must trace specially) cost about a quarter of the
// HTML extraction's CPU time (measured on the two extraction benchmarks: docs/evaluation/extraction.md).
//
// This module gives linkedom's Node class a parent constructor that registers nothing, and keeps
// the listeners of a node in a map made on its first addEventListener, with linkedom's own
// dispatch rules (the target, then its parents while the event bubbles; `once`; stopping
// propagation). Imported for its effect, once, before any page is parsed. When linkedom's classes
// are not shaped as expected (another version), it changes nothing.

import { EventTarget, Node as NodeFacade } from 'linkedom';

type Listener = EventListenerOrEventListenerObject;
type Options = boolean | AddEventListenerOptions | undefined;

interface LinkedomEvent {
  type: string;
  bubbles: boolean;
  eventPhase: number;
  currentTarget: unknown;
  target: unknown;
  cancelBubble: boolean;
  defaultPrevented: boolean;
  _stopImmediatePropagationFlag: boolean;
  _path: Array<{ currentTarget: unknown; target: unknown }>;
  readonly AT_TARGET: number;
  readonly BUBBLING_PHASE: number;
  readonly CAPTURING_PHASE: number;
  readonly NONE: number;
}

interface WithParent {
  _getParent?: () => WithParent | null;
  dispatchEvent?: unknown;
}

const listenersOf = new WeakMap<object, Map<string, Map<Listener, Options>>>();

function invoke(event: LinkedomEvent, step: { currentTarget: unknown; target: unknown }): boolean | undefined {
  const byType = listenersOf.get(step.currentTarget as object)?.get(event.type);
  if (!byType) return undefined;
  event.eventPhase = step.currentTarget === step.target ? event.AT_TARGET : event.BUBBLING_PHASE;
  event.currentTarget = step.currentTarget;
  event.target = step.target;
  for (const [listener, options] of byType) {
    if (typeof options === 'object' && options.once) byType.delete(listener);
    if (typeof listener === 'function') listener.call(event.target, event as unknown as Event);
    else listener.handleEvent(event as unknown as Event);
    if (event._stopImmediatePropagationFlag) break;
  }
  Reflect.deleteProperty(event, 'currentTarget');
  Reflect.deleteProperty(event, 'target');
  return event.cancelBubble;
}

const methods = {
  addEventListener(this: object, type: string, listener: Listener, options?: Options): void {
    const byType = listenersOf.get(this) ?? new Map<string, Map<Listener, Options>>();
    listenersOf.set(this, byType);
    const listeners = byType.get(type) ?? new Map<Listener, Options>();
    byType.set(type, listeners);
    listeners.set(listener, options);
  },
  removeEventListener(this: object, type: string, listener: Listener): void {
    const byType = listenersOf.get(this);
    const listeners = byType?.get(type);
    if (listeners?.delete(listener) && listeners.size === 0) byType?.delete(type);
  },
  dispatchEvent(this: WithParent, event: LinkedomEvent): boolean {
    event.eventPhase = event.CAPTURING_PHASE;
    for (let node: WithParent | null | undefined = this; node; ) {
      if (node.dispatchEvent) event._path.push({ currentTarget: node, target: this });
      node = event.bubbles ? node._getParent?.() : null;
    }
    event._path.some((step) => invoke(event, step));
    event._path = [];
    event.eventPhase = event.NONE;
    return !event.defaultPrevented;
  },
};

/** True when linkedom's nodes were given the lazy event target (false: another linkedom shape). */
export const lazyNodeEvents: boolean = (() => {
  const RealNode = Object.getPrototypeOf(NodeFacade) as { prototype: object } | null;
  if (!RealNode || Object.getPrototypeOf(RealNode) !== EventTarget) return false;
  if (Object.getPrototypeOf(RealNode.prototype) !== EventTarget.prototype) return false;
  // A constructor that does nothing, sharing EventTarget's prototype: `super()` in Node's
  // constructor looks its parent up when it runs, so nodes made from now on skip the WeakMap.
  function LazyEventTarget(): void {}
  LazyEventTarget.prototype = EventTarget.prototype;
  Object.setPrototypeOf(LazyEventTarget, EventTarget);
  Object.setPrototypeOf(RealNode, LazyEventTarget);
  for (const [name, value] of Object.entries(methods))
    Object.defineProperty(RealNode.prototype, name, { value, writable: true, configurable: true });
  return true;
})();
