// A KMB client written against the protocol alone (docs/protocol.md), with the `ws` package, to
// prove a non-Java SDK can speak it: hello, sub, pub, msg, ack, ping and a refused frame.
// Usage: node kmb-ws-client.js ws://127.0.0.1:PORT/v1/ws
'use strict';
const WebSocket = require('ws');

const url = process.argv[2];
const socket = new WebSocket(url);
const answers = new Map();
const messages = [];
let messageWaiter = null;

const deadline = setTimeout(() => fail('timed out after 15 s'), 15000);

function fail(reason) {
  console.error('FAIL: ' + reason);
  process.exit(1);
}

function expect(condition, what) {
  if (!condition) {
    fail(what);
  }
}

socket.on('error', (error) => fail('socket error: ' + error.message));
socket.on('message', (data) => {
  const frame = JSON.parse(data.toString());
  if (frame.op === 'msg') {
    messages.push(frame);
    if (messageWaiter) {
      messageWaiter();
    }
  } else if (frame.req !== undefined && answers.has(frame.req)) {
    answers.get(frame.req)(frame);
    answers.delete(frame.req);
  } else if (frame.op === 'error') {
    answers.get('unnumbered')(frame);
  }
});

function call(frame) {
  return new Promise((resolve) => {
    answers.set(frame.req, resolve);
    socket.send(JSON.stringify(frame));
  });
}

function sendRaw(text) {
  return new Promise((resolve) => {
    answers.set('unnumbered', resolve);
    socket.send(text);
  });
}

function nextMessage() {
  return new Promise((resolve) => {
    const take = () => {
      if (messages.length > 0) {
        messageWaiter = null;
        resolve(messages.shift());
      }
    };
    messageWaiter = take;
    take();
  });
}

socket.on('open', async () => {
  const welcome = await call({ op: 'hello', req: 0, client_id: 'node-agent' });
  expect(welcome.op === 'welcome' && welcome.client_id === 'node-agent', 'welcome: ' + JSON.stringify(welcome));

  const subok = await call({ op: 'sub', req: 1, sid: 'n1', filter: 'node.#', durable: 'node-durable',
    ack: 'manual', from: 'new' });
  expect(subok.op === 'subok' && subok.sid === 'n1', 'subok: ' + JSON.stringify(subok));

  const puback = await call({ op: 'pub', req: 2, durable: true,
    msg: { topic: 'node.greeting', type: 'event', payload: { text: 'hello from node' } } });
  expect(puback.op === 'puback' && typeof puback.id === 'string' && puback.offset > 0,
    'puback: ' + JSON.stringify(puback));

  const msg = await nextMessage();
  expect(msg.sid === 'n1' && msg.delivery === 1 && msg.offset === puback.offset, 'msg: ' + JSON.stringify(msg));
  expect(msg.msg.id === puback.id && msg.msg.payload.text === 'hello from node', 'msg body: ' + JSON.stringify(msg));

  const ok = await call({ op: 'ack', req: 3, sid: 'n1', id: msg.msg.id });
  expect(ok.op === 'ok', 'ack: ' + JSON.stringify(ok));

  const pong = await call({ op: 'ping', req: 4 });
  expect(pong.op === 'pong', 'pong: ' + JSON.stringify(pong));

  const refused = await sendRaw('{"op":');
  expect(refused.op === 'error' && refused.code === 'bad_request', 'refusal: ' + JSON.stringify(refused));

  const unsub = await call({ op: 'unsub', req: 5, sid: 'n1' });
  expect(unsub.op === 'ok', 'unsub: ' + JSON.stringify(unsub));

  clearTimeout(deadline);
  console.log('OK node client spoke hello, sub, pub, msg, ack, ping, error and unsub');
  socket.close(1000, 'done');
});
