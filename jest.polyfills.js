// React 19 schedules work through MessageChannel, which jsdom lacks (setup-notes §4).
const { MessageChannel } = require('node:worker_threads');
if (typeof globalThis.MessageChannel === 'undefined') {
  globalThis.MessageChannel = MessageChannel;
}
