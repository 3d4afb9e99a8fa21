// Writes node-signed-message.json: an envelope signed with Ed25519 by Node's own crypto, over the
// RFC 8785 canonical JSON of id, timestamp, topic, type and payload, plus the public key that
// verifies it. Run with `node make-node-fixture.mjs` in this directory; the SDK's
// NodeSignatureTest checks that the Java verifier accepts it.
import { generateKeyPairSync, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';

// JSON.stringify already writes strings and numbers as RFC 8785 wants; only member order is left.
function canonical(value) {
  if (Array.isArray(value)) {
    return '[' + value.map(canonical).join(',') + ']';
  }
  if (value !== null && typeof value === 'object') {
    return '{' + Object.keys(value).sort().map((k) => JSON.stringify(k) + ':' + canonical(value[k])).join(',') + '}';
  }
  return JSON.stringify(value);
}

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const message = {
  id: '7f1c2a3e-0b6d-4c55-9e2a-1d3f5a7b9c0e',
  timestamp: '2026-11-24T03:50:00Z',
  topic: 'agent.intent.created',
  type: 'event',
  payload: { intent: 'book a table', party: 4, price: 12.5, tags: ['dinner', 'caf\u00e9'], urgent: false },
};
const signature = sign(null, Buffer.from(canonical(message), 'utf8'), privateKey).toString('base64');
const envelope = {
  ...message,
  metadata: {
    auth: { issuer: 'kOS', client_id: 'node-agent' },
    signature: { alg: 'Ed25519', key_id: 'node-key', value: signature },
  },
};
const fixture = {
  key_id: 'node-key',
  client_id: 'node-agent',
  public_key: publicKey.export({ type: 'spki', format: 'pem' }),
  signed_content: canonical(message),
  envelope,
};
writeFileSync('node-signed-message.json', JSON.stringify(fixture, null, 2) + '\n');
