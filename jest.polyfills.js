// React 19 (scheduler, react-dom/server) needs MessageChannel, which jsdom does not provide. Node's own
// MessageChannel keeps the process alive (an open MessagePort), so jest never exits; this minimal one delivers each
// message on a jsdom timer instead, which the environment tears down with the test file.
class MessagePortShim {
  constructor() {
    this.onmessage = null;
    this.peer = null;
  }
  postMessage(data) {
    const peer = this.peer;
    setTimeout(() => peer && typeof peer.onmessage === 'function' && peer.onmessage({ data }), 0);
  }
  addEventListener(type, listener) {
    if (type === 'message') {
      this.onmessage = listener;
    }
  }
  removeEventListener(type, listener) {
    if (type === 'message' && this.onmessage === listener) {
      this.onmessage = null;
    }
  }
  start() {}
  close() {
    this.onmessage = null;
  }
}

class MessageChannelShim {
  constructor() {
    this.port1 = new MessagePortShim();
    this.port2 = new MessagePortShim();
    this.port1.peer = this.port2;
    this.port2.peer = this.port1;
  }
}

if (typeof globalThis.MessageChannel === 'undefined') {
  globalThis.MessageChannel = MessageChannelShim;
}

// Grafana's Select menu (its scroll indicators) observes visibility with IntersectionObserver, which jsdom lacks.
// jsdom has no layout, so nothing ever intersects: an observer that never calls back is the faithful stand-in.
if (typeof globalThis.IntersectionObserver === 'undefined') {
  globalThis.IntersectionObserver = class IntersectionObserverShim {
    constructor() {
      this.root = null;
      this.rootMargin = '0px';
      this.thresholds = [0];
    }
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  };
}
