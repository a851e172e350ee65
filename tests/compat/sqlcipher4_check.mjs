// An independent reader of the SQLCipher 4 file format, written against SQLCipher's published
// defaults with nothing but Node's crypto module: it shares no code with SQLite3MultipleCiphers.
// If it can authenticate and decrypt every page of a Tessera vault, the vault is in SQLCipher 4
// form and stays readable by SQLCipher 4 tools.
//
// usage: node sqlcipher4_check.mjs VAULT PASSPHRASE [MARKER...]
//   exits 0 when every page authenticates, page 1 decrypts to a valid SQLite header, and each
//   MARKER (a string planted in a note) is found in the decrypted pages but not in the raw file.
import { createDecipheriv, createHmac, pbkdf2Sync } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [vaultPath, passphrase, ...markers] = process.argv.slice(2);
if (!vaultPath || passphrase === undefined) {
  console.error('usage: node sqlcipher4_check.mjs VAULT PASSPHRASE [MARKER...]');
  process.exit(2);
}

const PAGE = 4096;      // SQLCipher 4 default page size
const KDF_ITER = 256000; // PBKDF2-HMAC-SHA512 iterations
const SALT = 16;
const IV = 16;
const HMAC = 64;        // HMAC-SHA512
const RESERVE = IV + HMAC; // 80, already a multiple of the AES block size

const file = readFileSync(vaultPath);
const fail = (message) => { console.error(`FAIL: ${message}`); process.exit(1); };
if (file.length === 0 || file.length % PAGE !== 0) fail(`size ${file.length} is not a whole number of ${PAGE}-byte pages`);

const salt = file.subarray(0, SALT);
const key = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), salt, KDF_ITER, 32, 'sha512');
const hmacSalt = Buffer.from(salt.map((b) => b ^ 0x3a));
const hmacKey = pbkdf2Sync(key, hmacSalt, 2, 32, 'sha512');

const plainPages = [];
for (let n = 1; n <= file.length / PAGE; n++) {
  const page = file.subarray((n - 1) * PAGE, n * PAGE);
  const start = n === 1 ? SALT : 0;
  const encrypted = page.subarray(start, PAGE - RESERVE);
  const iv = page.subarray(PAGE - RESERVE, PAGE - RESERVE + IV);
  const mac = page.subarray(PAGE - HMAC);
  const pageNumber = Buffer.alloc(4);
  pageNumber.writeUInt32LE(n);
  const expected = createHmac('sha512', hmacKey).update(encrypted).update(iv).update(pageNumber).digest();
  if (!expected.equals(mac)) fail(`page ${n}: HMAC-SHA512 does not match (wrong passphrase or not SQLCipher 4)`);
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  decipher.setAutoPadding(false);
  plainPages.push(Buffer.concat([decipher.update(encrypted), decipher.final()]));
}

// Page 1 after the salt: the SQLite header from byte 16 on.
const header = plainPages[0];
const pageSize = header.readUInt16BE(0);
const reserved = header[4];
if (pageSize !== PAGE) fail(`decrypted header says page size ${pageSize}`);
if (reserved !== RESERVE) fail(`decrypted header says ${reserved} reserved bytes, SQLCipher 4 uses ${RESERVE}`);
if (header[5] !== 64 || header[6] !== 32 || header[7] !== 32) fail('decrypted header has invalid payload fractions');
const applicationId = header.readUInt32BE(68 - SALT);
if (applicationId !== 0x54535241) fail(`application_id is 0x${applicationId.toString(16)}, not Tessera's`);

const plain = Buffer.concat(plainPages);
if (!plain.includes('CREATE TABLE sessions')) fail('the schema was not found in the decrypted pages');
for (const marker of markers) {
  if (!plain.includes(marker)) fail(`marker ${marker} not found in the decrypted pages`);
  if (file.includes(marker)) fail(`marker ${marker} appears in the raw file`);
}
console.log(`ok: ${file.length / PAGE} pages authenticated and decrypted as SQLCipher 4; ${markers.length} markers checked`);
