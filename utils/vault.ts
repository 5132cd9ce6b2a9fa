/**
 * Encrypts the secrets behind "Remember on this device" with a passphrase, using WebCrypto only, so the module runs
 * unchanged in Chrome's service worker and Firefox's event page. It never touches storage or logs: callers store what
 * it returns.
 */

export const VAULT_VERSION = 2;
export const PBKDF2_ITERATIONS = 600_000;

/** What the vault protects: per profile id. */
export interface VaultSecret {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Secrets keyed by profile id. */
export type VaultSecrets = Record<string, VaultSecret>;

/** Stored in `local:` as is. Everything except `ciphertext` is readable, and all of it is authenticated. */
export interface VaultEnvelope {
  format: 'aws-invoice-downloader/vault';
  version: 2;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; /** base64, 16 random bytes */ salt: string };
  cipher: { name: 'AES-GCM'; /** base64, 12 random bytes */ iv: string };
  /** HMAC-SHA-256 (second half of the derived bits) over a fixed label: tells a wrong passphrase from tampering. */
  check: string;
  /** base64; AES-GCM output with its 16-byte tag at the end. */
  ciphertext: string;
}

/** The derived keys, exported so the unlocked vault can be re-saved during a browser session without asking again. Kept in session storage (memory) only. */
export interface VaultKey {
  salt: string;
  iterations: number;
  /** base64, raw 32 bytes */
  encryptionKey: string;
  /** base64, raw 32 bytes */
  checkKey: string;
}

/** Why a vault cannot be sealed or opened; the UI maps each to a message. */
export type VaultErrorReason =
  | 'wrong-passphrase'
  | 'tampered'
  | 'unsupported-version'
  | 'malformed'
  | 'weak-passphrase';

/** A vault failure the user can act on; carries only the reason, never the passphrase or a secret. */
export class VaultError extends Error {
  constructor(readonly reason: VaultErrorReason) {
    // Only the reason goes into the message: errors end up in logs and UI, the passphrase and secrets never may.
    super(reason);
    this.name = 'VaultError';
  }
}

/** The envelope minus what is computed from it: exactly the part bound to the ciphertext as additional data. */
type VaultHeader = Omit<VaultEnvelope, 'check' | 'ciphertext'>;

const FORMAT = 'aws-invoice-downloader/vault';
const CHECK_LABEL = 'aws-invoice-downloader/vault/check';
const SALT_BYTES = 16;
const IV_BYTES = 12;
const KEY_BYTES = 32;
const CHECK_BYTES = 32;
const TAG_BYTES = 16;
const MIN_PASSPHRASE_LENGTH = 8;
// An attacker who can edit storage could otherwise set a huge count and hang the service worker on unlock; ten million
// leaves room to raise PBKDF2_ITERATIONS for years.
const MAX_ITERATIONS = 10_000_000;
const V1_ITERATIONS = 310_000;

/** Minimum passphrase rule used by the UI: at least 8 characters (after trimming) — throws VaultError('weak-passphrase') from sealVault otherwise. */
export function isPassphraseAcceptable(passphrase: string): boolean {
  // Counts code points, not UTF-16 units, so an emoji is one character as the user sees it.
  return [...passphrase.trim()].length >= MIN_PASSPHRASE_LENGTH;
}

/** New vault: random salt, derives keys (PBKDF2 600k → 512 bits: first 256 AES-GCM key, last 256 HMAC check key), fresh IV. */
export async function sealVault(
  secrets: VaultSecrets,
  passphrase: string,
  options: { iterations?: number } = {},
): Promise<{ envelope: VaultEnvelope; key: VaultKey }> {
  if (!isPassphraseAcceptable(passphrase)) throw new VaultError('weak-passphrase');
  const iterations = options.iterations ?? PBKDF2_ITERATIONS;
  // Raising the count is allowed (stronger); lowering it is a bug, not a setting, so it fails loudly.
  if (!isIterationCountAllowed(iterations)) {
    throw new RangeError(`iterations must be an integer from ${PBKDF2_ITERATIONS} to ${MAX_ITERATIONS}`);
  }
  return sealWithPassphrase(secrets, passphrase, iterations);
}

/** Re-saves with the same key and salt and a fresh IV (used while unlocked, e.g. adding or removing a profile). */
export async function resealVault(secrets: VaultSecrets, key: VaultKey): Promise<VaultEnvelope> {
  // The key comes back from session storage, so it is checked like any other stored value.
  const salt = decodeBase64(key.salt);
  const encryptionKey = decodeBase64(key.encryptionKey);
  const checkKey = decodeBase64(key.checkKey);
  if (
    salt?.length !== SALT_BYTES ||
    encryptionKey?.length !== KEY_BYTES ||
    checkKey?.length !== CHECK_BYTES ||
    !isIterationCountAllowed(key.iterations)
  ) {
    throw new VaultError('malformed');
  }
  return encryptEnvelope(secrets, key, encryptionKey, checkKey);
}

/** Opens a stored vault of any supported version. Wrong passphrase → VaultError('wrong-passphrase'); check ok but GCM fails or header altered → 'tampered'; unknown version → 'unsupported-version'; not an envelope → 'malformed'. When `migrated` is true, the caller must store `envelope` (the vault re-sealed in the current format). */
export async function openVault(
  stored: unknown,
  passphrase: string,
): Promise<{ secrets: VaultSecrets; key: VaultKey; envelope: VaultEnvelope; migrated: boolean }> {
  if (!isRecord(stored) || stored.format !== FORMAT) throw new VaultError('malformed');
  const { version } = stored;
  if (typeof version !== 'number' || !Number.isSafeInteger(version)) throw new VaultError('malformed');

  if (version === VAULT_VERSION) return { ...(await openCurrentVault(stored, passphrase)), migrated: false };

  const migrate = MIGRATIONS[version];
  if (migrate === undefined) throw new VaultError('unsupported-version');
  const secrets = await migrate(stored, passphrase);
  // A fresh salt as well as a fresh IV: the old salt belonged to the weaker KDF settings. No strength check here,
  // since refusing a weak legacy passphrase would lock the user out of their own secrets.
  const { envelope, key } = await sealWithPassphrase(secrets, passphrase, PBKDF2_ITERATIONS);
  return { secrets, key, envelope, migrated: true };
}

/**
 * One reader per older stored version, returning the plaintext; openVault re-seals it in the current format. Each
 * step ends in plaintext because re-encrypting through every intermediate version would cost one PBKDF2 run per step.
 * When v3 arrives, v2's reader (openCurrentVault's secrets) becomes entry 2 here.
 */
const MIGRATIONS: Readonly<
  Record<number, (stored: Record<string, unknown>, passphrase: string) => Promise<VaultSecrets>>
> = {
  1: readVaultV1,
};

/**
 * Legacy v1: `{format, version: 1, salt, iv, iterations: 310000, ciphertext}`, PBKDF2-SHA256 straight to an AES-GCM
 * key, no check value and no additional data, over the UTF-8 of the passphrase as typed.
 */
async function readVaultV1(stored: Record<string, unknown>, passphrase: string): Promise<VaultSecrets> {
  const salt = readBase64(stored.salt);
  const iv = readBase64(stored.iv);
  const ciphertext = readBase64(stored.ciphertext);
  const { iterations } = stored;
  if (typeof iterations !== 'number' || salt.length === 0 || iv.length === 0) throw new VaultError('malformed');
  if (!Number.isSafeInteger(iterations) || iterations < V1_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new VaultError('tampered');
  }

  const material = await importPassphrase(new TextEncoder().encode(passphrase));
  const key = await crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['decrypt'],
  );
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, ciphertext);
  } catch {
    // Without a check value a wrong key and a damaged ciphertext fail alike; the passphrase is the likelier cause.
    throw new VaultError('wrong-passphrase');
  }
  return parseSecrets(plaintext);
}

/**
 * Opens a v2 envelope. How header edits surface: a changed kdf/cipher name, iterations below PBKDF2_ITERATIONS or
 * wrong field lengths → 'tampered' before any derivation; a changed salt or a raised iteration count derives other
 * keys, so the check fails → 'wrong-passphrase'; a changed iv, or any header change that still passes the check,
 * fails GCM through the additional data → 'tampered'.
 */
async function openCurrentVault(
  stored: Record<string, unknown>,
  passphrase: string,
): Promise<{ secrets: VaultSecrets; key: VaultKey; envelope: VaultEnvelope }> {
  const envelope = readEnvelope(stored);
  const salt = readBase64(envelope.kdf.salt);
  const iv = readBase64(envelope.cipher.iv);
  const check = readBase64(envelope.check);
  const ciphertext = readBase64(envelope.ciphertext);
  if (salt.length !== SALT_BYTES || iv.length !== IV_BYTES || check.length !== CHECK_BYTES) {
    throw new VaultError('tampered');
  }
  if (ciphertext.length < TAG_BYTES) throw new VaultError('tampered');

  const { key, encryptionKey, checkKey } = await deriveVaultKey(passphrase, salt, envelope.kdf.iterations);
  // The check runs first and alone: a wrong passphrase must never be reported as tampering.
  if (!equalBytes(await computeCheck(checkKey), check)) throw new VaultError('wrong-passphrase');

  const aesKey = await importAesKey(encryptionKey, ['decrypt']);
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: buildAdditionalData(envelope) },
      aesKey,
      ciphertext,
    );
  } catch {
    throw new VaultError('tampered');
  }
  return { secrets: parseSecrets(plaintext), key, envelope };
}

/** Validates a stored v2 envelope's shape and returns a clean copy, dropping unknown (unauthenticated) fields. */
function readEnvelope(stored: Record<string, unknown>): VaultEnvelope {
  const { kdf, cipher, check, ciphertext } = stored;
  if (!isRecord(kdf) || !isRecord(cipher) || typeof check !== 'string' || typeof ciphertext !== 'string') {
    throw new VaultError('malformed');
  }
  const { iterations, salt } = kdf;
  const { iv } = cipher;
  if (typeof iterations !== 'number' || typeof salt !== 'string' || typeof iv !== 'string') {
    throw new VaultError('malformed');
  }
  // The names are constants of v2: any other value can only come from an edit, and this refuses a KDF downgrade
  // before a single iteration runs.
  if (kdf.name !== 'PBKDF2' || kdf.hash !== 'SHA-256' || cipher.name !== 'AES-GCM') throw new VaultError('tampered');
  if (!isIterationCountAllowed(iterations)) throw new VaultError('tampered');
  return {
    format: FORMAT,
    version: VAULT_VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt },
    cipher: { name: 'AES-GCM', iv },
    check,
    ciphertext,
  };
}

async function sealWithPassphrase(
  secrets: VaultSecrets,
  passphrase: string,
  iterations: number,
): Promise<{ envelope: VaultEnvelope; key: VaultKey }> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const { key, encryptionKey, checkKey } = await deriveVaultKey(passphrase, salt, iterations);
  return { envelope: await encryptEnvelope(secrets, key, encryptionKey, checkKey), key };
}

async function encryptEnvelope(
  secrets: VaultSecrets,
  key: VaultKey,
  encryptionKey: Uint8Array<ArrayBuffer>,
  checkKey: Uint8Array<ArrayBuffer>,
): Promise<VaultEnvelope> {
  const normalized = normalizeSecrets(secrets);
  if (normalized === undefined) throw new TypeError('secrets must map profile ids to access key pairs');
  // A GCM nonce must never repeat under one key, and resealVault keeps the key: hence a random IV on every save.
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const header: VaultHeader = {
    format: FORMAT,
    version: VAULT_VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: key.iterations, salt: key.salt },
    cipher: { name: 'AES-GCM', iv: encodeBase64(iv) },
  };
  const aesKey = await importAesKey(encryptionKey, ['encrypt']);
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: buildAdditionalData(header) },
    aesKey,
    new TextEncoder().encode(JSON.stringify(normalized)),
  );
  return {
    ...header,
    check: encodeBase64(await computeCheck(checkKey)),
    ciphertext: encodeBase64(new Uint8Array(ciphertext)),
  };
}

async function deriveVaultKey(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<{ key: VaultKey; encryptionKey: Uint8Array<ArrayBuffer>; checkKey: Uint8Array<ArrayBuffer> }> {
  // NFC so the same passphrase typed or pasted with composed or decomposed accents derives the same key.
  const material = await importPassphrase(new TextEncoder().encode(passphrase.normalize('NFC')));
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
      material,
      (KEY_BYTES + CHECK_BYTES) * 8,
    ),
  );
  const encryptionKey = bits.slice(0, KEY_BYTES);
  const checkKey = bits.slice(KEY_BYTES);
  return {
    key: {
      salt: encodeBase64(salt),
      iterations,
      encryptionKey: encodeBase64(encryptionKey),
      checkKey: encodeBase64(checkKey),
    },
    encryptionKey,
    checkKey,
  };
}

function importPassphrase(bytes: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bytes, 'PBKDF2', false, ['deriveBits', 'deriveKey']);
}

function importAesKey(bytes: Uint8Array<ArrayBuffer>, usages: KeyUsage[]): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bytes, { name: 'AES-GCM' }, false, usages);
}

async function computeCheck(checkKey: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const hmacKey = await crypto.subtle.importKey('raw', checkKey, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, new TextEncoder().encode(CHECK_LABEL)));
}

/** The header as GCM additional data; a JSON array keeps the fields in a fixed order with no delimiter ambiguity. */
function buildAdditionalData(header: VaultHeader): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(
    JSON.stringify([
      header.format,
      header.version,
      header.kdf.name,
      header.kdf.hash,
      header.kdf.iterations,
      header.kdf.salt,
      header.cipher.name,
      header.cipher.iv,
    ]),
  );
}

function parseSecrets(plaintext: ArrayBuffer): VaultSecrets {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
  } catch {
    throw new VaultError('malformed');
  }
  const secrets = normalizeSecrets(value);
  // Authentic but unreadable means a writer with the key stored something else, not an outside edit.
  if (secrets === undefined) throw new VaultError('malformed');
  return secrets;
}

/** Keeps only the known fields, so what is sealed is exactly what opening returns; undefined if the shape is wrong. */
function normalizeSecrets(value: unknown): VaultSecrets | undefined {
  if (!isRecord(value)) return undefined;
  const entries: [string, VaultSecret][] = [];
  for (const [profileId, secret] of Object.entries(value)) {
    if (!isRecord(secret)) return undefined;
    const { accessKeyId, secretAccessKey, sessionToken } = secret;
    if (typeof accessKeyId !== 'string' || typeof secretAccessKey !== 'string') return undefined;
    if (sessionToken !== undefined && typeof sessionToken !== 'string') return undefined;
    entries.push([
      profileId,
      sessionToken === undefined ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, sessionToken },
    ]);
  }
  // fromEntries defines properties, so a profile id like "__proto__" stays data instead of replacing the prototype.
  return Object.fromEntries(entries);
}

function isIterationCountAllowed(iterations: number): boolean {
  return Number.isSafeInteger(iterations) && iterations >= PBKDF2_ITERATIONS && iterations <= MAX_ITERATIONS;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Compares every byte whatever the first difference, so timing does not reveal how much of the check matched. */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}

function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument count well under engine limits for large vaults.
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

/** Strict base64 (padded, no whitespace): atob alone would accept variants no writer of this module produces. */
function decodeBase64(text: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function readBase64(text: unknown): Uint8Array<ArrayBuffer> {
  const bytes = decodeBase64(text);
  if (bytes === undefined) throw new VaultError('malformed');
  return bytes;
}
